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
        [Theory]
        [InlineData("nf/LinkKit.Nano.nfproj", "nf/src", "nf/device")]
        [InlineData("nf-tests/NFUnitTest.nfproj", "nf-tests/unit", null)]
        public void Project_compiles_exactly_the_sources_on_disk(string project, string folder, string secondFolder)
        {
            string projectDir = Path.GetDirectoryName(RepositoryPaths.Combine(project));
            string[] listed = Items(project, "Compile")
                .Select(i => Path.GetFullPath(Path.Combine(projectDir, i.Replace('\\', '/'))))
                .OrderBy(p => p, StringComparer.Ordinal).ToArray();
            string[] onDisk = new[] { folder, secondFolder }.Where(f => f != null && Directory.Exists(RepositoryPaths.Combine(f)))
                .SelectMany(f => Directory.GetFiles(RepositoryPaths.Combine(f), "*.cs", SearchOption.AllDirectories))
                .Where(p => !p.Contains("/obj/") && !p.Contains("/bin/"))
                .Select(Path.GetFullPath).OrderBy(p => p, StringComparer.Ordinal).ToArray();

            Assert.Equal(onDisk, listed);
        }

        [Theory]
        [InlineData("nf/LinkKit.Nano.nfproj", "nf/packages.config")]
        [InlineData("nf-tests/NFUnitTest.nfproj", "nf-tests/packages.config")]
        public void Every_reference_comes_from_a_restored_package(string project, string packagesConfig)
        {
            string[] restored = XDocument.Load(RepositoryPaths.Combine(packagesConfig)).Root.Elements("package")
                .Select(p => p.Attribute("id").Value + "." + p.Attribute("version").Value).ToArray();
            XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
            string[] hintPaths = XDocument.Load(RepositoryPaths.Combine(project)).Descendants(ns + "HintPath").Select(h => h.Value).ToArray();

            Assert.NotEmpty(hintPaths);
            foreach (string hint in hintPaths)
            {
                string package = hint.Split('\\')[2];   // ..\packages\<id>.<version>\lib\<assembly>
                Assert.Contains(package, restored);
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

        private static string[] Items(string project, string itemType)
        {
            XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
            return XDocument.Load(RepositoryPaths.Combine(project)).Descendants(ns + itemType)
                .Select(e => e.Attribute("Include").Value).ToArray();
        }
    }
}
