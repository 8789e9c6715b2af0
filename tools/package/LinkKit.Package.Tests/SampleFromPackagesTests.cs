using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using LinkKit.NanoClr;
using Xunit;

namespace LinkKit.Package.Tests
{
    /// <summary>
    /// samples/esp32-from-packages, the opt-in way to build the ESP32 loader against the packages: it stays the sample
    /// (the same sources and nanoFramework packages as samples/esp32), takes the SDK from packages.config at the SDK's
    /// version, and compiles against the packages as a restore installs them.
    /// </summary>
    [Collection("packages")]
    public class SampleFromPackagesTests
    {
        private const string Project = "samples/esp32-from-packages/LinkKit.Esp32Sample.FromPackages.nfproj";
        private const string Config = "samples/esp32-from-packages/packages.config";
        private const string Sample = "samples/esp32/LinkKit.Esp32Sample.nfproj";
        private readonly PackagesFixture _f;

        public SampleFromPackagesTests(PackagesFixture fixture)
        {
            _f = fixture;
        }

        [Fact]
        public void Packages_config_is_the_samples_plus_the_sdk_packages_at_the_sdk_version()
        {
            Dictionary<string, string> expected = RepositoryFacts.Pins(_f.Root, "samples/esp32/packages.config");
            foreach (string id in new[] { "LinkKit.Nano", "LinkKit.Nano.Registration", "LinkKit.Nano.Ota" }) expected[id] = _f.Version.ToNormalizedString();
            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), RepositoryFacts.Pins(_f.Root, Config).OrderBy(p => p.Key, StringComparer.Ordinal));
        }

        [Fact]
        public void Project_is_the_sample_with_package_references_in_place_of_project_references()
        {
            XNamespace ns = RepositoryFacts.MsBuild;
            XDocument project = RepositoryFacts.Project(_f.Root, Project);
            XDocument sample = RepositoryFacts.Project(_f.Root, Sample);

            Assert.Empty(project.Descendants(ns + "ProjectReference"));
            Assert.Equal(new[] { "LinkKit.Nano.nfproj", "LinkKit.Nano.Registration.nfproj", "LinkKit.Nano.Ota.nfproj" },
                sample.Descendants(ns + "ProjectReference").Select(r => r.Attribute("Include").Value.Split('\\').Last()));
            foreach (string property in new[] { "OutputType", "AssemblyName", "RootNamespace", "LangVersion", "TargetFrameworkVersion" })
            {
                Assert.Equal(sample.Descendants(ns + property).Single().Value, project.Descendants(ns + property).Single().Value);
            }
            Assert.NotEqual(sample.Descendants(ns + "ProjectGuid").Single().Value, project.Descendants(ns + "ProjectGuid").Single().Value);

            // Every source of the sample, linked from it, and nothing else.
            XElement[] compiles = project.Descendants(ns + "Compile").ToArray();
            Assert.Equal(sample.Descendants(ns + "Compile").Select(c => @"..\esp32\" + c.Attribute("Include").Value),
                compiles.Select(c => c.Attribute("Include").Value));
            Assert.All(compiles, c => Assert.Equal(c.Attribute("Include").Value.Split('\\').Last(), c.Element(ns + "Link").Value));

            // The sample's references with their HintPaths, plus one per SDK assembly into its package's lib folder.
            Dictionary<string, string> hints = project.Descendants(ns + "Reference")
                .ToDictionary(r => r.Attribute("Include").Value, r => r.Element(ns + "HintPath").Value);
            Dictionary<string, string> sampleHints = sample.Descendants(ns + "Reference")
                .ToDictionary(r => r.Attribute("Include").Value, r => r.Element(ns + "HintPath").Value);
            foreach (string id in new[] { "LinkKit.Nano", "LinkKit.Nano.Registration", "LinkKit.Nano.Ota" })
            {
                sampleHints[id] = @"..\..\packages\" + id + "." + _f.Version.ToNormalizedString() + @"\lib\" + id + ".dll";
            }
            Assert.Equal(sampleHints.OrderBy(h => h.Key, StringComparer.Ordinal), hints.OrderBy(h => h.Key, StringComparer.Ordinal));
        }

        /// <summary>
        /// Compiles the project's sources as its HintPaths say: the SDK assemblies from the installed packages (the path has
        /// to name the package folder and file the package really has), the nanoFramework ones from NF_REFS (the
        /// reference builds of the pinned packages, as the CI device compile uses them).
        /// </summary>
        [Fact]
        public void Project_compiles_against_the_installed_packages()
        {
            TestProjectFile project = TestProjectFile.Load(Path.Combine(_f.Root, Project));
            var references = new List<string> { _f.Toolchain.MscorlibDll };
            foreach ((string name, string hint) in project.HintPaths.Where(h => h.Key != "mscorlib"))
            {
                string[] parts = hint.Split('\\');
                Assert.Equal(new[] { "..", "..", "packages" }, parts.Take(3));
                string dll = name.StartsWith("LinkKit.", StringComparison.Ordinal)
                    ? Path.Combine(new[] { _f.Packages }.Concat(parts.Skip(3)).ToArray())
                    : Path.Combine(_f.Toolchain.Refs, parts.Last());
                Assert.True(File.Exists(dll), hint + " resolves to nothing: " + dll);
                references.Add(dll);
            }
            Assert.Equal(3, references.Count(r => r.StartsWith(_f.Packages, StringComparison.Ordinal)));

            string output = Path.Combine(Directory.CreateDirectory(Path.Combine(_f.Work, "sample")).FullName, project.AssemblyName + ".dll");
            Assert.True(NanoCompiler.Compile(project.AssemblyName, project.Sources, references, output, out string errors), errors);
            Assert.Equal(new[] { "LinkKit.Nano", "LinkKit.Nano.Ota", "LinkKit.Nano.Registration" },
                AssemblyFile.Read(output).References.Keys.Where(k => k.StartsWith("LinkKit.", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal));
        }

        [Fact]
        public void Local_feed_is_where_the_command_writes_the_packages()
        {
            XDocument config = XDocument.Load(Path.Combine(_f.Root, "samples/esp32-from-packages/nuget.config"));
            string feed = config.Root.Element("packageSources").Elements("add").Single().Attribute("value").Value;
            Assert.Equal(Path.Combine(_f.Root, "artifacts", "packages"),
                Path.GetFullPath(Path.Combine(_f.Root, "samples/esp32-from-packages", feed.Replace('\\', '/'))));
        }
    }
}
