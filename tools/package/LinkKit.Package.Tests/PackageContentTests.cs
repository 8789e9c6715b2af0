using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using LinkKit.NanoClr;
using NuGet.Packaging;
using NuGet.Versioning;
using Xunit;

namespace LinkKit.Package.Tests
{
    /// <summary>Each package as built by the command: its archive, its nuspec, and the assembly inside.</summary>
    [Collection("packages")]
    public class PackageContentTests
    {
        public static readonly TheoryData<string> Packages = new() { "LinkKit.Nano", "LinkKit.Nano.Registration", "LinkKit.Nano.Ota", "LinkKit.Nano.Json" };

        /// <summary>
        /// The nanoFramework packages each project references, by id; their versions come from the project's packages file
        /// (nf/packages.&lt;project&gt;.config when it has one, else nf/packages.config).
        /// </summary>
        private static readonly Dictionary<string, string[]> NanoDependencies = new()
        {
            ["LinkKit.Nano"] = new[]
            {
                "nanoFramework.CoreLibrary", "nanoFramework.M2Mqtt", "nanoFramework.Runtime.Events", "nanoFramework.Runtime.Native",
                "nanoFramework.System.Collections", "nanoFramework.System.IO.FileSystem", "nanoFramework.System.IO.Streams",
                "nanoFramework.System.Net", "nanoFramework.System.Text", "nanoFramework.System.Threading",
            },
            ["LinkKit.Nano.Registration"] = new[] { "nanoFramework.CoreLibrary", "nanoFramework.System.IO.Streams", "nanoFramework.System.Net" },
            ["LinkKit.Nano.Ota"] = new[]
            {
                "nanoFramework.CoreLibrary", "nanoFramework.System.IO.FileSystem", "nanoFramework.System.IO.Streams", "nanoFramework.System.Net",
            },
            ["LinkKit.Nano.Json"] = new[]
            {
                "nanoFramework.CoreLibrary", "nanoFramework.Json", "nanoFramework.System.Collections", "nanoFramework.System.IO.Streams",
                "nanoFramework.System.Text",
            },
        };

        private static readonly Dictionary<string, string[]> SdkDependencies = new()
        {
            ["LinkKit.Nano"] = new string[0],
            ["LinkKit.Nano.Registration"] = new[] { "LinkKit.Nano" },
            ["LinkKit.Nano.Ota"] = new[] { "LinkKit.Nano", "LinkKit.Nano.Registration" },
            ["LinkKit.Nano.Json"] = new[] { "LinkKit.Nano" },
        };

        /// <summary>A public type each package documents.</summary>
        private static readonly Dictionary<string, string> DocumentedType = new()
        {
            ["LinkKit.Nano"] = "T:LinkKit.Nano.LinkKitClient",
            ["LinkKit.Nano.Registration"] = "T:LinkKit.Nano.Identity.RegistrationSigner",
            ["LinkKit.Nano.Ota"] = "T:LinkKit.Nano.Ota.OtaAgent",
            ["LinkKit.Nano.Json"] = "T:LinkKit.Nano.Json.ThingJson",
        };

        private readonly PackagesFixture _f;

        public PackageContentTests(PackagesFixture fixture)
        {
            _f = fixture;
        }

        [Fact]
        public void The_command_builds_one_package_per_sdk_project_at_the_sdk_version()
        {
            // Exactly the packages this class knows (a new nf/ class library needs its expected dependencies here), LinkKit.Nano first.
            Assert.Equal(((IEnumerable<object[]>)Packages).Select(p => (string)p[0]).OrderBy(id => id, StringComparer.Ordinal), _f.Ids.OrderBy(id => id, StringComparer.Ordinal));
            Assert.Equal("LinkKit.Nano", _f.Ids[0]);
            Assert.Equal(_f.Ids.Select(id => id + "." + _f.Version.ToNormalizedString() + ".nupkg").OrderBy(n => n, StringComparer.Ordinal),
                Directory.GetFiles(_f.Output).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Contains("version " + _f.Version.ToNormalizedString() + " (nf/Directory.Build.props)", _f.Log);
            Assert.EndsWith("packages: " + _f.Ids.Count + " built in " + _f.Output, _f.Log.TrimEnd());
        }

        /// <summary>Exactly what NuGet's packer puts in (OPC parts, the nuspec) and lib/ with the four assembly files.</summary>
        [Theory]
        [MemberData(nameof(Packages))]
        public void Package_holds_exactly_the_nuspec_and_lib_with_dll_pdbx_pe_xml(string id)
        {
            using ZipArchive zip = ZipFile.OpenRead(_f.Nupkg(id));
            string[] expected =
            {
                "[Content_Types].xml", "_rels/.rels", id + ".nuspec",
                "lib/" + id + ".dll", "lib/" + id + ".pdbx", "lib/" + id + ".pe", "lib/" + id + ".xml",
                "package/services/metadata/core-properties/nuget.psmdcp",
            };
            Assert.Equal(expected.OrderBy(e => e, StringComparer.Ordinal), zip.Entries.Select(e => e.FullName).OrderBy(e => e, StringComparer.Ordinal));
        }

        /// <summary>The same lib/ layout as nanoFramework.CoreLibrary 1.17.11 (lib/mscorlib.dll, .pdbx, .pe, .xml; no TFM folder).</summary>
        [Fact]
        public void Lib_folder_is_laid_out_like_nanoFramework_CoreLibrary_1_17_11()
        {
            string coreLibrary = Path.Combine(Path.GetDirectoryName(_f.Toolchain.CoreLibraryDir), "nanoframework.corelibrary.1.17.11.nupkg");
            using ZipArchive reference = ZipFile.OpenRead(coreLibrary);
            string[] referenceLib = reference.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/", StringComparison.Ordinal))
                .Select(n => n.Replace("mscorlib", "{assembly}")).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "lib/{assembly}.dll", "lib/{assembly}.pdbx", "lib/{assembly}.pe", "lib/{assembly}.xml" }, referenceLib);

            foreach (string id in _f.Ids)
            {
                using ZipArchive zip = ZipFile.OpenRead(_f.Nupkg(id));
                Assert.Equal(referenceLib, zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/", StringComparison.Ordinal))
                    .Select(n => n.Replace(id, "{assembly}")).OrderBy(n => n, StringComparer.Ordinal));
            }
        }

        [Theory]
        [MemberData(nameof(Packages))]
        public void Nuspec_has_id_version_and_the_pinned_dependency_ranges(string id)
        {
            Dictionary<string, string> pins = RepositoryFacts.Pins(_f.Root, RepositoryFacts.PackagesConfigOf(_f.Root, id));
            string sdk = _f.Version.ToNormalizedString();
            var expected = NanoDependencies[id].Select(d => (d, Range(pins[d])))
                .Concat(SdkDependencies[id].Select(d => (d, "[" + sdk + "]")))
                .OrderBy(d => d.Item1, StringComparer.Ordinal).ToArray();

            XDocument nuspec = Nuspec(id);
            XNamespace ns = nuspec.Root.Name.Namespace;
            XElement metadata = nuspec.Root.Element(ns + "metadata");
            Assert.Equal(id, metadata.Element(ns + "id").Value);
            Assert.Equal(sdk, metadata.Element(ns + "version").Value);
            // One flat list, as the CoreLibrary 1.17.11 generation's packages (M2Mqtt, System.Net) write them: no framework group.
            XElement dependencies = metadata.Element(ns + "dependencies");
            Assert.Empty(dependencies.Elements(ns + "group"));
            Assert.Equal(expected, dependencies.Elements(ns + "dependency")
                .Select(d => (d.Attribute("id").Value, d.Attribute("version").Value)).ToArray());

            // And as NuGet reads it.
            var reader = new NuspecReader(nuspec);
            Assert.Equal(_f.Version, reader.GetVersion());
            PackageDependencyGroup group = Assert.Single(reader.GetDependencyGroups());
            Assert.True(group.TargetFramework.IsAny);
            Assert.Equal(expected.Length, group.Packages.Count());
            foreach (var dependency in group.Packages.Where(p => p.Id.StartsWith("nanoFramework.", StringComparison.Ordinal)))
            {
                NuGetVersion pin = NuGetVersion.Parse(pins[dependency.Id]);
                Assert.True(dependency.VersionRange.Satisfies(pin), dependency.Id);
                Assert.True(dependency.VersionRange.Satisfies(new NuGetVersion(pin.Major, pin.Minor, pin.Patch + 7)), dependency.Id);
                Assert.False(dependency.VersionRange.Satisfies(new NuGetVersion(pin.Major, pin.Minor + 1, 0)), dependency.Id);
                Assert.False(dependency.VersionRange.Satisfies(new NuGetVersion(pin.Major, pin.Minor, pin.Patch - 1)), dependency.Id);
            }
            foreach (var dependency in group.Packages.Where(p => p.Id.StartsWith("LinkKit.", StringComparison.Ordinal)))
            {
                Assert.True(dependency.VersionRange.Satisfies(_f.Version));
                Assert.False(dependency.VersionRange.Satisfies(new NuGetVersion(_f.Version.Major, _f.Version.Minor, _f.Version.Patch + 1)));
            }
        }

        private static string Range(string pin)
        {
            NuGetVersion v = NuGetVersion.Parse(pin);
            return "[" + pin + ", " + v.Major + "." + (v.Minor + 1) + ".0)";
        }

        /// <summary>The nuspec fields nanoFramework's packages fill in that this repository has values for.</summary>
        [Theory]
        [MemberData(nameof(Packages))]
        public void Nuspec_carries_the_metadata_nanoFramework_packages_use(string id)
        {
            XDocument nuspec = Nuspec(id);
            XNamespace ns = nuspec.Root.Name.Namespace;
            XElement metadata = nuspec.Root.Element(ns + "metadata");
            Assert.Equal(id, metadata.Element(ns + "title").Value);
            Assert.Equal("LinkKit.Nano contributors", metadata.Element(ns + "authors").Value);
            Assert.Equal("false", metadata.Element(ns + "requireLicenseAcceptance").Value);
            Assert.True(metadata.Element(ns + "description").Value.Length > 80);
            Assert.NotEmpty(metadata.Element(ns + "copyright").Value);
            string[] tags = metadata.Element(ns + "tags").Value.Split(' ');
            Assert.Contains("nanoFramework", tags);
            Assert.Contains("netnf", tags);
            XElement repository = metadata.Element(ns + "repository");
            Assert.Equal("git", repository.Attribute("type").Value);
            Assert.Equal(RepositoryFacts.GitHead(_f.Root), repository.Attribute("commit").Value);
            Assert.Null(nuspec.Root.Element(ns + "files"));
        }

        /// <summary>The assembly carries the SDK version (as nanoFramework libraries carry their package version).</summary>
        [Theory]
        [MemberData(nameof(Packages))]
        public void Assembly_carries_the_sdk_version(string id)
        {
            AssemblyFile dll = AssemblyFile.Read(_f.Lib(id, ".dll"));
            var numeric = new Version(_f.Version.Major, _f.Version.Minor, _f.Version.Patch, 0);
            Assert.Equal(id, dll.Name);
            Assert.Equal(numeric, dll.Version);
            Assert.Equal(numeric.ToString(), dll.Attributes["System.Reflection.AssemblyFileVersionAttribute"]);
            Assert.Equal(_f.Version.ToNormalizedString(), dll.Attributes["System.Reflection.AssemblyInformationalVersionAttribute"]);
        }

        /// <summary>
        /// Every assembly the .dll references comes with a dependency of the package, at a version that binds: nanoCLR binds a
        /// reference by name and major.minor (BindingRuleTests), so each referenced nanoFramework assembly's major.minor must be
        /// the dependency's, and an SDK assembly's version the SDK's.
        /// </summary>
        [Theory]
        [MemberData(nameof(Packages))]
        public void Every_referenced_assembly_is_a_dependency_it_binds_to(string id)
        {
            Dictionary<string, string> pins = RepositoryFacts.Pins(_f.Root, RepositoryFacts.PackagesConfigOf(_f.Root, id));
            Dictionary<string, string> packageOf = RepositoryFacts.ReferencePackages(_f.Root, "nf/" + id + ".nfproj", pins);
            var reader = new NuspecReader(Nuspec(id));
            Dictionary<string, VersionRange> dependencies = reader.GetDependencyGroups().Single().Packages.ToDictionary(p => p.Id, p => p.VersionRange);

            AssemblyFile dll = AssemblyFile.Read(_f.Lib(id, ".dll"));
            Assert.Contains("mscorlib", dll.References.Keys);
            foreach ((string assembly, Version version) in dll.References)
            {
                if (assembly.StartsWith("LinkKit.", StringComparison.Ordinal))
                {
                    Assert.Equal(new Version(_f.Version.Major, _f.Version.Minor, _f.Version.Patch, 0), version);
                    Assert.True(dependencies.ContainsKey(assembly), assembly);
                    continue;
                }
                string package = packageOf[assembly];
                Assert.True(dependencies.ContainsKey(package), assembly + " comes from " + package + ", not a dependency");
                NuGetVersion min = dependencies[package].MinVersion;
                Assert.Equal((min.Major, min.Minor), (version.Major, version.Minor));
            }
        }

        [Theory]
        [MemberData(nameof(Packages))]
        public void Xml_documentation_is_the_assemblys_and_documents_its_public_types(string id)
        {
            XDocument doc = XDocument.Load(_f.Lib(id, ".xml"));
            Assert.Equal(id, doc.Root.Element("assembly").Element("name").Value);
            string[] members = doc.Root.Element("members").Elements("member").Select(m => m.Attribute("name").Value).ToArray();
            Assert.Contains(DocumentedType[id], members);
            string[] publicTypes = AssemblyFile.Read(_f.Lib(id, ".dll")).PublicTypes;
            Assert.NotEmpty(publicTypes);
            Assert.All(publicTypes, t => Assert.Contains("T:" + t, members));
            Assert.True(members.Length > 2 * publicTypes.Length, members.Length + " members documented for " + publicTypes.Length + " public types");
        }

        /// <summary>
        /// The .pe is nanoFramework's format (NFMRK1) and is exactly the MetadataProcessor's conversion of the .dll beside it
        /// (converted again here, against the same references, byte for byte); the .pdbx maps that .dll's tokens.
        /// </summary>
        [Fact]
        public void Pe_and_pdbx_are_the_metadata_processors_output_for_the_dll_beside_them()
        {
            string dir = Directory.CreateDirectory(Path.Combine(_f.Work, "reconvert")).FullName;
            var hints = new List<KeyValuePair<string, string>> { new("mscorlib", _f.Toolchain.MscorlibDll) };
            hints.AddRange(Directory.GetFiles(_f.Toolchain.Refs, "*.dll").Select(d => new KeyValuePair<string, string>(Path.GetFileNameWithoutExtension(d), d)));
            hints.AddRange(_f.Ids.Select(i => new KeyValuePair<string, string>(i, _f.Lib(i, ".dll"))));
            foreach (string id in _f.Ids)
            {
                byte[] pe = File.ReadAllBytes(_f.Lib(id, ".pe"));
                Assert.Equal("NFMRK1", System.Text.Encoding.ASCII.GetString(pe, 0, 6));

                XDocument pdbx = XDocument.Load(_f.Lib(id, ".pdbx"));
                XElement assembly = pdbx.Root.Element("Assembly");
                Assert.Equal(id + ".dll", assembly.Element("FileName").Value);
                Assert.Equal(_f.Version.Major + "." + _f.Version.Minor + "." + _f.Version.Patch + ".0",
                    string.Join(".", new[] { "Major", "Minor", "Build", "Revision" }.Select(p => assembly.Element("Version").Element(p).Value)));

                string copy = Path.Combine(dir, id + ".dll");
                File.Copy(_f.Lib(id, ".dll"), copy, true);
                Assert.True(NanoClr.MetadataProcessor.Convert(_f.Toolchain, copy, hints.Where(h => h.Key != id), out string again, out string error), error);
                Assert.Equal(pe, File.ReadAllBytes(again));
                Assert.Equal(File.ReadAllBytes(_f.Lib(id, ".pdbx")), File.ReadAllBytes(Path.ChangeExtension(again, ".pdbx")));
            }
        }

        private XDocument Nuspec(string id)
        {
            using ZipArchive zip = ZipFile.OpenRead(_f.Nupkg(id));
            using Stream stream = zip.GetEntry(id + ".nuspec").Open();
            return XDocument.Load(stream);
        }
    }
}
