using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using LinkKit.NanoClr;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace LinkKit.Package
{
    /// <summary>A nanoFramework package one of the SDK's projects references, as its packages file pins it.</summary>
    internal sealed record NanoPackagePin(string Id, NuGetVersion Version, IReadOnlyList<string> Assemblies);

    /// <summary>One package to build: an nf/*.nfproj class library, what it compiles and what its nuspec depends on.</summary>
    internal sealed class PackageSpec
    {
        public string Id => Project.AssemblyName;
        public TestProjectFile Project { get; init; }
        public string Description { get; init; }
        /// <summary>The nanoFramework packages the project references (from its HintPaths), as its packages file pins them.</summary>
        public IReadOnlyList<NanoPackagePin> NanoPackages { get; init; }
        /// <summary>The SDK packages the project references (its ProjectReferences), in dependency order.</summary>
        public IReadOnlyList<string> SdkPackages { get; init; }

        /// <summary>
        /// The nuspec dependencies. A nanoFramework package: [pin, next minor), because nanoCLR binds an assembly reference
        /// by name and major.minor (a later patch of the same minor loads in its place; another minor does not), and the
        /// pin is the lowest version the SDK was checked against. An SDK package: exactly this version, since the SDK's
        /// assemblies reach each other's internals and ship together.
        /// </summary>
        public IReadOnlyList<PackageDependency> Dependencies(NuGetVersion version)
        {
            return NanoPackages.Select(p => new PackageDependency(p.Id, NanoRange(p.Version)))
                .Concat(SdkPackages.Select(id => new PackageDependency(id, new VersionRange(version, true, version, true))))
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
        }

        public static VersionRange NanoRange(NuGetVersion pin) =>
            new VersionRange(pin, true, new NuGetVersion(pin.Major, pin.Minor + 1, 0), false);
    }

    /// <summary>Reads the SDK's device projects into package specs, in dependency order.</summary>
    internal static class PackagePlan
    {
        private static readonly XNamespace Ns = "http://schemas.microsoft.com/developer/msbuild/2003";

        /// <summary>What each package says it is. A project not listed here (a later optional assembly) gets a generic line.</summary>
        private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
        {
            ["LinkKit.Nano"] = "Alibaba Cloud IoT Platform device SDK (Link Kit) for .NET nanoFramework 1.x on ESP32: MQTT "
                + "connection with signed device identities, custom topics, the Alink thing model (properties, events, services, "
                + "tags, shadow, RRPC, batch and history posts, desired properties, device log), store-and-forward, an "
                + "allocation-free JSON reader and writer, the two-slot secret store, and the device adapters (M2Mqtt "
                + "transport, I:\\ secret slots, TSL file loader). After ConnectAsync the SDK allocates nothing per message.",
            ["LinkKit.Nano.Registration"] = "Dynamic registration (\"one type, one secret\") for LinkKit.Nano over HTTPS or "
                + "MQTT, with the System.Net TLS connector it uses. Its own assembly: an app that ships its identity in the "
                + "secret store never deploys it.",
            ["LinkKit.Nano.Ota"] = "Over-the-air updates for LinkKit.Nano: the OTA job reader and agent, a resumable "
                + "verified downloader, and the loader pattern's boot slots (AppSlots, AppLoader, IAppEntry) with the app-slot "
                + "file adapters. Its own assembly: only apps that update in the field deploy it.",
            ["LinkKit.Nano.Json"] = "Thing-model messages as objects for LinkKit.Nano, through nanoFramework.Json: post a "
                + "class's public properties as a property post, event or service answer (each value checked against the thing "
                + "model by the SDK's writer), and read property sets and service inputs into a Hashtable or a class. Its own "
                + "assembly: only apps that prefer objects to writers and can afford the allocations deploy it (and nanoFramework.Json).",
        };

        /// <summary>The default projects: every class library directly in nf/ (LinkKit.Nano.nfproj and its optional assemblies).</summary>
        public static string[] DefaultProjects(string repositoryRoot)
        {
            return Directory.GetFiles(Path.Combine(repositoryRoot, "nf"), "*.nfproj")
                .Where(p => XDocument.Load(p).Descendants(Ns + "OutputType").Select(e => e.Value).FirstOrDefault() == "Library")
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();
        }

        /// <summary>The given projects and every project they reference, each after the ones it references.</summary>
        public static List<PackageSpec> Load(IEnumerable<string> projectPaths)
        {
            var ordered = new List<PackageSpec>();
            var done = new HashSet<string>(StringComparer.Ordinal);
            var visiting = new HashSet<string>(StringComparer.Ordinal);
            void Visit(string path)
            {
                if (done.Contains(path)) return;
                if (!File.Exists(path)) throw new PackageException(path + " does not exist");
                if (!visiting.Add(path)) throw new PackageException(path + " is part of a project reference cycle");
                TestProjectFile project = TestProjectFile.Load(path);
                if (string.IsNullOrEmpty(project.AssemblyName)) throw new PackageException(path + " names no AssemblyName");
                foreach (string reference in project.ProjectReferencePaths) Visit(reference);
                ordered.Add(Spec(project, ordered));
                done.Add(path);
            }
            foreach (string path in projectPaths) Visit(Path.GetFullPath(path));
            return ordered;
        }

        private static PackageSpec Spec(TestProjectFile project, List<PackageSpec> built)
        {
            string packagesConfig = PackagesConfig(project.FullPath);
            if (!File.Exists(packagesConfig))
            {
                throw new PackageException(project.Name + ": neither packages." + project.Name + ".config nor packages.config beside it");
            }
            string configName = Path.GetFileName(packagesConfig);
            Dictionary<string, NuGetVersion> pins = XDocument.Load(packagesConfig).Root.Elements("package")
                .ToDictionary(p => p.Attribute("id").Value, p => NuGetVersion.Parse(p.Attribute("version").Value), StringComparer.Ordinal);

            var assembliesById = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (string reference in project.HintPaths.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                string id = PinnedPackage(project, reference, pins, configName);
                if (!assembliesById.TryGetValue(id, out List<string> assemblies)) assembliesById[id] = assemblies = new List<string>();
                assemblies.Add(reference);
            }
            string unhinted = project.LibraryReferences.Concat(new[] { "mscorlib" }).FirstOrDefault(r => !project.HintPaths.ContainsKey(r));
            if (unhinted != null) throw new PackageException(project.Name + ": reference " + unhinted + " has no HintPath into a package");

            string[] sdk = built.Select(s => s.Id).Where(id => project.ProjectReferences.Contains(id)).ToArray();
            return new PackageSpec
            {
                Project = project,
                Description = Descriptions.TryGetValue(project.AssemblyName, out string description) ? description
                    : project.AssemblyName + ": an optional assembly of the LinkKit.Nano SDK (Alibaba Cloud IoT Platform for .NET nanoFramework).",
                NanoPackages = assembliesById.Select(p => new NanoPackagePin(p.Key, pins[p.Key], p.Value)).ToList(),
                SdkPackages = sdk,
            };
        }

        /// <summary>
        /// The packages file that pins a project's packages, as NuGet picks it: packages.&lt;project name&gt;.config beside
        /// the project when there is one (so several projects in one folder can pin different packages), else packages.config.
        /// </summary>
        public static string PackagesConfig(string projectPath)
        {
            string dir = Path.GetDirectoryName(Path.GetFullPath(projectPath));
            string own = Path.Combine(dir, "packages." + Path.GetFileNameWithoutExtension(projectPath) + ".config");
            return File.Exists(own) ? own : Path.Combine(dir, "packages.config");
        }

        /// <summary>
        /// The package a reference comes from: its HintPath is ..\packages\&lt;id&gt;.&lt;version&gt;\lib\&lt;file&gt;, and that
        /// id and version must be an entry of the project's packages file (<see cref="PackagesConfig"/>).
        /// </summary>
        private static string PinnedPackage(TestProjectFile project, string reference, Dictionary<string, NuGetVersion> pins, string configName)
        {
            string hint = project.HintPaths[reference];
            string[] parts = hint.Replace('/', '\\').Split('\\');
            int packages = Array.IndexOf(parts, "packages");
            string folder = packages >= 0 && packages + 2 < parts.Length && parts[packages + 2] == "lib" ? parts[packages + 1] : null;
            KeyValuePair<string, NuGetVersion> pin = pins.FirstOrDefault(p => folder != null
                && string.Equals(folder, p.Key + "." + p.Value.ToNormalizedString(), StringComparison.Ordinal));
            if (pin.Key == null)
            {
                throw new PackageException(project.Name + ": the HintPath of " + reference + " (" + hint
                    + ") is not ..\\packages\\<id>.<version>\\lib\\... of a package " + configName + " pins");
            }
            return pin.Key;
        }
    }
}
