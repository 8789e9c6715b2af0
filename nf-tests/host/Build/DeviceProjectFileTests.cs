using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Build
{
    /// <summary>
    /// The .nfproj files cannot be built here (no nanoFramework MSBuild components on Linux CI), so these tests
    /// keep them honest: every source on disk is compiled by the device build, nothing listed is missing, and
    /// every referenced package assembly comes from a package (and version) that packages.config restores.
    /// </summary>
    public class DeviceProjectFileTests
    {
        /// <summary>A project owns every source in its folder; a linked file (a Link element) is one shared from elsewhere and must exist.</summary>
        [Theory]
        [InlineData("samples/esp32/LinkKit.Esp32Sample.nfproj", "samples/esp32", null)]
        [InlineData("samples/esp32-app/LinkKit.Esp32App.nfproj", "samples/esp32-app", null)]
        [InlineData("nf/LinkKit.Nano.Json.nfproj", "nf/json", null)]
        [InlineData("nf-tests/NFUnitTest.Json.nfproj", "nf-tests/json", null)]
        public void Project_compiles_exactly_the_sources_on_disk(string project, string folder, string secondFolder)
        {
            XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
            string projectDir = Path.GetDirectoryName(RepositoryPaths.Combine(project));
            XElement[] compiles = XDocument.Load(RepositoryPaths.Combine(project)).Descendants(ns + "Compile").ToArray();
            string[] listed = compiles.Where(e => e.Element(ns + "Link") == null)
                .Select(e => Path.GetFullPath(Path.Combine(projectDir, e.Attribute("Include").Value.Replace('\\', '/'))))
                .OrderBy(p => p, StringComparer.Ordinal).ToArray();
            Assert.All(compiles.Where(e => e.Element(ns + "Link") != null),
                e => Assert.True(File.Exists(Path.Combine(projectDir, e.Attribute("Include").Value.Replace('\\', '/'))), e.Attribute("Include").Value));
            string[] onDisk = new[] { folder, secondFolder }.Where(f => f != null && Directory.Exists(RepositoryPaths.Combine(f)))
                .SelectMany(f => Directory.GetFiles(RepositoryPaths.Combine(f), "*.cs", SearchOption.AllDirectories))
                .Where(p => !p.Contains("/obj/") && !p.Contains("/bin/"))
                .Select(Path.GetFullPath).OrderBy(p => p, StringComparer.Ordinal).ToArray();

            Assert.Equal(onDisk, listed);
        }

        /// <summary>
        /// The SDK is three device assemblies (LinkKit.Nano; LinkKit.Nano.Registration that only registering apps
        /// deploy; LinkKit.Nano.Ota that only updating apps deploy): together they compile every source of nf/src,
        /// nf/registration, nf/ota and nf/device, each exactly once.
        /// </summary>
        [Fact]
        public void Sdk_projects_together_compile_every_sdk_source_once()
        {
            string[] listed = new[] { "nf/LinkKit.Nano.nfproj", "nf/LinkKit.Nano.Registration.nfproj", "nf/LinkKit.Nano.Ota.nfproj" }
                .SelectMany(project => Items(project, "Compile")
                    .Select(i => Path.GetFullPath(Path.Combine(RepositoryPaths.Combine("nf"), i.Replace('\\', '/')))))
                .OrderBy(p => p, StringComparer.Ordinal).ToArray();
            string[] onDisk = new[] { "nf/src", "nf/registration", "nf/ota", "nf/device" }
                .SelectMany(f => Directory.GetFiles(RepositoryPaths.Combine(f), "*.cs", SearchOption.AllDirectories))
                .Where(p => !p.Contains("/obj/") && !p.Contains("/bin/"))
                .Select(Path.GetFullPath).OrderBy(p => p, StringComparer.Ordinal).ToArray();

            Assert.Equal(onDisk, listed);
            Assert.DoesNotContain(Items("nf/LinkKit.Nano.nfproj", "Compile"), i => i.StartsWith("registration\\", StringComparison.Ordinal));
            Assert.DoesNotContain(Items("nf/LinkKit.Nano.nfproj", "Compile"), i => i.StartsWith("ota\\", StringComparison.Ordinal));
        }

        /// <summary>
        /// The portable tests are split over several NFUnitTest assemblies (a .pe holds at most 64 KiB of strings): each
        /// test file belongs to exactly one of them, together they cover every file, and shared helpers are links. The
        /// optional Json assembly's tests (nf-tests/json) are one more part.
        /// </summary>
        [Fact]
        public void Test_projects_together_compile_every_portable_test_file_once()
        {
            XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
            string testsDir = RepositoryPaths.Combine("nf-tests");
            string[] projects = Directory.GetFiles(testsDir, "NFUnitTest.*.nfproj");
            Assert.Equal(7, projects.Length);
            var owned = projects.SelectMany(p => XDocument.Load(p).Descendants(ns + "Compile")
                    .Where(e => e.Element(ns + "Link") == null)
                    .Select(e => Path.GetFullPath(Path.Combine(testsDir, e.Attribute("Include").Value.Replace('\\', '/')))))
                .ToList();
            string[] linked = projects.SelectMany(p => XDocument.Load(p).Descendants(ns + "Compile")
                    .Where(e => e.Element(ns + "Link") != null)
                    .Select(e => Path.GetFullPath(Path.Combine(testsDir, e.Attribute("Include").Value.Replace('\\', '/')))))
                .ToArray();
            string[] onDisk = new[] { "nf-tests/unit", "nf-tests/json" }
                .SelectMany(f => Directory.GetFiles(RepositoryPaths.Combine(f), "*.cs", SearchOption.AllDirectories))
                .Select(Path.GetFullPath).OrderBy(p => p, StringComparer.Ordinal).ToArray();

            Assert.Equal(onDisk, owned.OrderBy(p => p, StringComparer.Ordinal).ToArray());
            Assert.All(linked, file => Assert.Contains(file, onDisk));
        }

        [Theory]
        [InlineData("nf/LinkKit.Nano.nfproj", "nf/packages.config")]
        [InlineData("nf/LinkKit.Nano.Registration.nfproj", "nf/packages.config")]
        [InlineData("nf/LinkKit.Nano.Ota.nfproj", "nf/packages.config")]
        [InlineData("nf/LinkKit.Nano.Json.nfproj", "nf/packages.LinkKit.Nano.Json.config")]
        [InlineData("nf-tests/NFUnitTest.Json.nfproj", "nf-tests/packages.NFUnitTest.Json.config")]
        [InlineData("nf-tests/NFUnitTest.Core.nfproj", "nf-tests/packages.config")]
        [InlineData("nf-tests/NFUnitTest.Client.nfproj", "nf-tests/packages.config")]
        [InlineData("nf-tests/NFUnitTest.Identity.nfproj", "nf-tests/packages.config")]
        [InlineData("nf-tests/NFUnitTest.ThingModel.nfproj", "nf-tests/packages.config")]
        [InlineData("nf-tests/NFUnitTest.FieldServices.nfproj", "nf-tests/packages.config")]
        [InlineData("nf-tests/nano-benchmarks/NFUnitTest.Benchmarks.nfproj", "nf-tests/packages.config")]
        [InlineData("samples/esp32/LinkKit.Esp32Sample.nfproj", "samples/esp32/packages.config")]
        [InlineData("samples/esp32-app/LinkKit.Esp32App.nfproj", "samples/esp32-app/packages.config")]
        public void Every_reference_comes_from_a_restored_package(string project, string packagesConfig)
        {
            string[] restored = XDocument.Load(RepositoryPaths.Combine(packagesConfig)).Root.Elements("package")
                .Select(p => p.Attribute("id").Value + "." + p.Attribute("version").Value).ToArray();
            XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
            string[] hintPaths = XDocument.Load(RepositoryPaths.Combine(project)).Descendants(ns + "HintPath").Select(h => h.Value).ToArray();

            Assert.NotEmpty(hintPaths);
            foreach (string hint in hintPaths)
            {
                // ..\packages\<id>.<version>\lib\<assembly> (one more ..\ for a project two levels down)
                string[] parts = hint.Split('\\');
                int packages = Array.IndexOf(parts, "packages");
                Assert.True(packages >= 0 && packages + 3 < parts.Length && parts[packages + 2] == "lib", "unexpected HintPath " + hint);
                Assert.True(parts.Take(packages).All(p => p == ".."), "HintPath must go up to the repository's packages folder: " + hint);
                Assert.Contains(parts[packages + 1], restored);
            }
        }

        [Fact]
        public void Device_build_references_the_card_transport_packages()
        {
            string[] ids = XDocument.Load(RepositoryPaths.Combine("nf/packages.config")).Root.Elements("package")
                .Select(p => p.Attribute("id").Value).ToArray();

            Assert.Contains("nanoFramework.CoreLibrary", ids);
            Assert.Contains("nanoFramework.M2Mqtt", ids);
            Assert.Contains("nanoFramework.System.Net", ids);
            Assert.DoesNotContain("nanoFramework.Json", ids);   // reflection JSON exhausts ESP32 heap: not in the SDK
        }

        /// <summary>
        /// The optional Json assembly restores nanoFramework.Json 2.2.203 from its own packages file (NuGet reads
        /// packages.&lt;project&gt;.config before packages.config), so the SDK's packages stay free of it; every package it
        /// shares with the SDK is at the SDK's version (an app deploying both deploys one of each), and its test part
        /// restores what it does.
        /// </summary>
        [Fact]
        public void Json_assembly_has_its_own_packages_at_the_sdk_versions()
        {
            string[] json = Packages("nf/packages.LinkKit.Nano.Json.config");
            var sdk = XDocument.Load(RepositoryPaths.Combine("nf/packages.config")).Root.Elements("package")
                .ToDictionary(p => p.Attribute("id").Value, p => p.Attribute("version").Value);

            Assert.Contains("nanoFramework.Json.2.2.203", json);
            foreach (XElement package in XDocument.Load(RepositoryPaths.Combine("nf/packages.LinkKit.Nano.Json.config")).Root.Elements("package"))
            {
                string id = package.Attribute("id").Value;
                if (sdk.TryGetValue(id, out string version)) Assert.True(version == package.Attribute("version").Value, id + " differs from the SDK's pin " + version);
            }
            Assert.Empty(json.Except(Packages("nf-tests/packages.NFUnitTest.Json.config")));
            XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
            XDocument project = XDocument.Load(RepositoryPaths.Combine("nf/LinkKit.Nano.Json.nfproj"));
            Assert.Equal(new[] { "LinkKit.Nano.nfproj" }, project.Descendants(ns + "ProjectReference").Select(e => e.Attribute("Include").Value).ToArray());
            Assert.Equal("10", project.Descendants(ns + "LangVersion").Single().Value);
        }

        [Fact]
        public void Sample_references_the_sdk_project_and_the_wifi_and_esp32_packages()
        {
            XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
            XDocument project = XDocument.Load(RepositoryPaths.Combine("samples/esp32/LinkKit.Esp32Sample.nfproj"));
            Assert.Equal(new[] { @"..\..\nf\LinkKit.Nano.nfproj", @"..\..\nf\LinkKit.Nano.Registration.nfproj", @"..\..\nf\LinkKit.Nano.Ota.nfproj" },
                project.Descendants(ns + "ProjectReference").Select(e => e.Attribute("Include").Value).ToArray());
            Assert.Equal("Exe", project.Descendants(ns + "OutputType").Single().Value);
            Assert.Equal("10", project.Descendants(ns + "LangVersion").Single().Value);

            // The app deploys every assembly the SDK references, so it restores the SDK's packages at the same versions.
            string[] sdk = Packages("nf/packages.config");
            string[] sample = Packages("samples/esp32/packages.config");
            Assert.Empty(sdk.Except(sample));
            Assert.Contains("nanoFramework.System.Device.Wifi.1.5.144", sample);
            Assert.Contains("nanoFramework.Hardware.Esp32.1.6.37", sample);
            Assert.DoesNotContain(sample, p => p.StartsWith("nanoFramework.Json.", StringComparison.Ordinal));
        }

        /// <summary>
        /// The field-updatable app is loaded against the assemblies the loader deployed: it may reference only SDK
        /// projects and packages the loader references too, at the same versions.
        /// </summary>
        [Fact]
        public void App_references_only_what_the_loader_deploys()
        {
            XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
            XDocument app = XDocument.Load(RepositoryPaths.Combine("samples/esp32-app/LinkKit.Esp32App.nfproj"));
            XDocument loader = XDocument.Load(RepositoryPaths.Combine("samples/esp32/LinkKit.Esp32Sample.nfproj"));
            Assert.Equal("Library", app.Descendants(ns + "OutputType").Single().Value);
            Assert.Equal("10", app.Descendants(ns + "LangVersion").Single().Value);
            Assert.Empty(app.Descendants(ns + "ProjectReference").Select(e => e.Attribute("Include").Value)
                .Except(loader.Descendants(ns + "ProjectReference").Select(e => e.Attribute("Include").Value)));
            Assert.Empty(Packages("samples/esp32-app/packages.config").Except(Packages("samples/esp32/packages.config")));
        }

        private static string[] Packages(string packagesConfig)
        {
            return XDocument.Load(RepositoryPaths.Combine(packagesConfig)).Root.Elements("package")
                .Select(p => p.Attribute("id").Value + "." + p.Attribute("version").Value).ToArray();
        }

        private static string[] Items(string project, string itemType)
        {
            XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
            return XDocument.Load(RepositoryPaths.Combine(project)).Descendants(ns + itemType)
                .Select(e => e.Attribute("Include").Value).ToArray();
        }
    }
}
