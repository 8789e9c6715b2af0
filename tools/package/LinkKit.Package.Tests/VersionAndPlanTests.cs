using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using NuGet.Versioning;
using Xunit;

namespace LinkKit.Package.Tests
{
    /// <summary>The SDK's one version, the plan read from the projects, and the command's refusals; nothing is compiled.</summary>
    public class VersionAndPlanTests
    {
        private static readonly string Root = NanoClr.Program.RepositoryRoot();

        [Fact]
        public void Version_comes_from_nf_Directory_Build_props()
        {
            XElement property = XDocument.Load(Path.Combine(Root, "nf", "Directory.Build.props")).Descendants()
                .Single(e => e.Name.LocalName == "LinkKitNanoVersion");
            Assert.Equal(NuGetVersion.Parse(property.Value), SdkVersion.Read(Root));
        }

        [Theory]
        [InlineData("1.0.0", "1.0.0.0")]
        [InlineData("1.2.3-preview.4", "1.2.3.0")]
        [InlineData("65534.0.9", "65534.0.9.0")]
        public void A_version_gives_the_assembly_version_major_minor_patch_0(string text, string assembly)
        {
            NuGetVersion version = SdkVersion.Parse(text, "test");
            Assert.Equal(Version.Parse(assembly), SdkVersion.AssemblyVersion(version));
            string info = Packager.AssemblyInfo(version);
            Assert.Contains("[assembly: System.Reflection.AssemblyVersion(\"" + assembly + "\")]", info);
            Assert.Contains("[assembly: System.Reflection.AssemblyFileVersion(\"" + assembly + "\")]", info);
            Assert.Contains("[assembly: System.Reflection.AssemblyInformationalVersion(\"" + text + "\")]", info);
        }

        [Theory]
        [InlineData("1.0")]
        [InlineData("1.0.0.1")]
        [InlineData("1.0.0+abc")]
        [InlineData("v1.0.0")]
        [InlineData("1.65535.0")]
        [InlineData("")]
        public void A_version_an_assembly_cannot_carry_is_refused(string text)
        {
            PackageException e = Assert.Throws<PackageException>(() => SdkVersion.Parse(text, "--version"));
            Assert.StartsWith("--version: '" + text + "'", e.Message);
        }

        [Fact]
        public void Default_projects_are_the_class_libraries_in_nf_each_after_what_it_references()
        {
            string[] projects = PackagePlan.DefaultProjects(Root).Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/')).ToArray();
            Assert.Contains("nf/LinkKit.Nano.nfproj", projects);
            Assert.Contains("nf/LinkKit.Nano.Registration.nfproj", projects);
            Assert.Contains("nf/LinkKit.Nano.Ota.nfproj", projects);
            Assert.Contains("nf/LinkKit.Nano.Json.nfproj", projects);

            string[] ids = PackagePlan.Load(PackagePlan.DefaultProjects(Root)).Select(s => s.Id).ToArray();
            Assert.Equal(ids.Distinct().Count(), ids.Length);
            Assert.True(Array.IndexOf(ids, "LinkKit.Nano") < Array.IndexOf(ids, "LinkKit.Nano.Registration"));
            Assert.True(Array.IndexOf(ids, "LinkKit.Nano.Registration") < Array.IndexOf(ids, "LinkKit.Nano.Ota"));
            Assert.True(Array.IndexOf(ids, "LinkKit.Nano") < Array.IndexOf(ids, "LinkKit.Nano.Json"));
        }

        /// <summary>Packing one optional assembly packs what it references too: its package depends on them.</summary>
        [Fact]
        public void One_project_brings_the_projects_it_references()
        {
            Assert.Equal(new[] { "LinkKit.Nano", "LinkKit.Nano.Registration", "LinkKit.Nano.Ota" },
                PackagePlan.Load(new[] { Path.Combine(Root, "nf", "LinkKit.Nano.Ota.nfproj") }).Select(s => s.Id));
        }

        [Fact]
        public void Another_version_moves_the_sdk_dependencies_with_it_and_leaves_the_nanoFramework_pins()
        {
            PackageSpec ota = PackagePlan.Load(new[] { Path.Combine(Root, "nf", "LinkKit.Nano.Ota.nfproj") }).Last();
            var dependencies = ota.Dependencies(NuGetVersion.Parse("2.3.4-rc.1")).ToDictionary(d => d.Id, d => d.VersionRange.ToString());
            Assert.Equal("[2.3.4-rc.1, 2.3.4-rc.1]", dependencies["LinkKit.Nano"]);
            Assert.Equal("[2.3.4-rc.1, 2.3.4-rc.1]", dependencies["LinkKit.Nano.Registration"]);
            Assert.Equal("[1.17.11, 1.18.0)", dependencies["nanoFramework.CoreLibrary"]);
        }

        [Fact]
        public void A_reference_outside_the_pinned_packages_is_refused()
        {
            string dir = Directory.CreateTempSubdirectory("linkkit-package-plan-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(dir, "packages.config"),
                    "<packages><package id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\" /></packages>");
                File.WriteAllText(Path.Combine(dir, "Lib.nfproj"), @"<Project xmlns=""http://schemas.microsoft.com/developer/msbuild/2003"">
  <PropertyGroup><OutputType>Library</OutputType><AssemblyName>Lib</AssemblyName></PropertyGroup>
  <ItemGroup>
    <Reference Include=""mscorlib""><HintPath>..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll</HintPath></Reference>
    <Reference Include=""System.Net""><HintPath>..\packages\nanoFramework.System.Net.1.11.54\lib\System.Net.dll</HintPath></Reference>
  </ItemGroup>
</Project>");
                PackageException e = Assert.Throws<PackageException>(() => PackagePlan.Load(new[] { Path.Combine(dir, "Lib.nfproj") }));
                Assert.Equal(@"Lib: the HintPath of System.Net (..\packages\nanoFramework.System.Net.1.11.54\lib\System.Net.dll) is not "
                    + @"..\packages\<id>.<version>\lib\... of a package packages.config pins", e.Message);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        /// <summary>
        /// NuGet's rule: a project's own packages.&lt;project name&gt;.config pins its packages in place of packages.config
        /// (nf/LinkKit.Nano.Json.nfproj pins nanoFramework.Json there, out of the SDK's packages.config).
        /// </summary>
        [Fact]
        public void A_projects_own_packages_file_pins_its_packages_in_place_of_packages_config()
        {
            string dir = Directory.CreateTempSubdirectory("linkkit-package-plan-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(dir, "packages.config"),
                    "<packages><package id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\" /></packages>");
                File.WriteAllText(Path.Combine(dir, "packages.Lib.config"), "<packages><package id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\" />"
                    + "<package id=\"nanoFramework.System.Net\" version=\"1.11.54\" /></packages>");
                File.WriteAllText(Path.Combine(dir, "Lib.nfproj"), @"<Project xmlns=""http://schemas.microsoft.com/developer/msbuild/2003"">
  <PropertyGroup><OutputType>Library</OutputType><AssemblyName>Lib</AssemblyName></PropertyGroup>
  <ItemGroup>
    <Reference Include=""mscorlib""><HintPath>..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll</HintPath></Reference>
    <Reference Include=""System.Net""><HintPath>..\packages\nanoFramework.System.Net.1.11.54\lib\System.Net.dll</HintPath></Reference>
  </ItemGroup>
</Project>");
                PackageSpec spec = PackagePlan.Load(new[] { Path.Combine(dir, "Lib.nfproj") }).Single();
                Assert.Equal(new[] { "nanoFramework.CoreLibrary 1.17.11", "nanoFramework.System.Net 1.11.54" },
                    spec.NanoPackages.Select(p => p.Id + " " + p.Version).OrderBy(p => p, StringComparer.Ordinal));

                // Its own file only: a pin of packages.config alone does not count.
                File.WriteAllText(Path.Combine(dir, "packages.Lib.config"), "<packages><package id=\"nanoFramework.System.Net\" version=\"1.11.54\" /></packages>");
                PackageException e = Assert.Throws<PackageException>(() => PackagePlan.Load(new[] { Path.Combine(dir, "Lib.nfproj") }));
                Assert.Equal(@"Lib: the HintPath of mscorlib (..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll) is not "
                    + @"..\packages\<id>.<version>\lib\... of a package packages.Lib.config pins", e.Message);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void Json_assembly_is_pinned_by_its_own_packages_file()
        {
            PackageSpec json = PackagePlan.Load(new[] { Path.Combine(Root, "nf", "LinkKit.Nano.Json.nfproj") }).Last();
            Assert.Equal("LinkKit.Nano.Json", json.Id);
            Assert.Equal(new[] { "LinkKit.Nano" }, json.SdkPackages);
            var dependencies = json.Dependencies(NuGetVersion.Parse("1.0.0")).ToDictionary(d => d.Id, d => d.VersionRange.ToString());
            Assert.Equal("[2.2.203, 2.3.0)", dependencies["nanoFramework.Json"]);
            Assert.Equal("[1.0.0, 1.0.0]", dependencies["LinkKit.Nano"]);
            Assert.DoesNotContain(PackagePlan.Load(new[] { Path.Combine(Root, "nf", "LinkKit.Nano.nfproj") }).Single().NanoPackages,
                p => p.Id == "nanoFramework.Json");
        }

        [Fact]
        public void Command_refuses_unknown_options_and_bad_versions_and_writes_nothing()
        {
            var usage = new StringWriter();
            Assert.Equal(2, Program.Run(new[] { "--bogus" }, usage));
            Assert.Equal(Program.Usage, usage.ToString().Trim());

            string output = Path.Combine(Path.GetTempPath(), "linkkit-package-none-" + Guid.NewGuid().ToString("N"));
            var log = new StringWriter();
            Assert.Equal(1, Program.Run(new[] { "--version", "1.2", "--output", output }, log));
            Assert.Contains("FAILED --version: '1.2' is not a version like 1.2.3 or 1.2.3-preview.4", log.ToString());
            Assert.EndsWith("packages: 0 built, 1 failed", log.ToString().TrimEnd());
            Assert.False(Directory.Exists(output));
        }
    }
}
