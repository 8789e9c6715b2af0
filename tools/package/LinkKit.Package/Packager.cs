using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using LinkKit.NanoClr;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace LinkKit.Package
{
    /// <summary>A package written by a run: its file and the assembly it was built from.</summary>
    internal sealed record BuiltPackage(string Id, string Nupkg, string Dll, IReadOnlyList<string> Files,
        IReadOnlyList<PackageDependency> Dependencies, IReadOnlyList<string> ReferenceSources);

    /// <summary>
    /// Builds one package per spec, in dependency order: compiles the project's sources (and a generated file with the
    /// version attributes) against nanoFramework's mscorlib, the libraries it references and the SDK assemblies built
    /// before it, writing the XML documentation; converts the assembly with the MetadataProcessor (.pe and .pdbx); packs
    /// lib/ and the nuspec with NuGet's PackageBuilder, deterministically.
    /// </summary>
    internal sealed class Packager
    {
        /// <summary>The folder in the package that holds the assembly files, as in every package of the CoreLibrary 1.17.11
        /// generation (nanoFramework.CoreLibrary 1.17.11 itself: lib/mscorlib.dll, .pdbx, .pe, .xml; 2.x moved to lib/netnano1.0).</summary>
        public const string LibFolder = "lib";
        public static readonly string[] AssemblyFileExtensions = { ".dll", ".pdbx", ".pe", ".xml" };
        public const string Authors = "LinkKit.Nano contributors";
        public const string Tags = "nanoFramework C# csharp netmf netnf LinkKit Aliyun AlibabaCloud IoT MQTT Alink ESP32";

        private readonly Toolchain _toolchain;
        private readonly string _scratch;
        private readonly string _repositoryRoot;
        private readonly Dictionary<string, string> _builtDlls = new(StringComparer.Ordinal);

        public Packager(Toolchain toolchain, string repositoryRoot, string scratch)
        {
            _toolchain = toolchain;
            _repositoryRoot = repositoryRoot;
            _scratch = scratch;
        }

        public BuiltPackage Build(PackageSpec spec, NuGetVersion version, string outputDir)
        {
            string dir = Directory.CreateDirectory(Path.Combine(_scratch, spec.Id)).FullName;
            string dll = Path.Combine(dir, spec.Id + ".dll");
            string xml = Path.Combine(dir, spec.Id + ".xml");

            // References: a real restore's packages\ folder when it is there (the exact pinned builds), else NF_REFS.
            var references = new List<(string Name, string Dll)>();
            var sources = new List<string>();
            foreach (NanoPackagePin pin in spec.NanoPackages)
            {
                foreach (string assembly in pin.Assemblies)
                {
                    string restored = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(spec.Project.FullPath),
                        spec.Project.HintPaths[assembly].Replace('\\', '/')));
                    string path = File.Exists(restored) ? restored
                        : assembly == "mscorlib" ? _toolchain.MscorlibDll
                        : Path.Combine(_toolchain.Refs, assembly + ".dll");
                    if (!File.Exists(path))
                    {
                        throw new PackageException(spec.Id + " references " + assembly + " (package " + pin.Id + " " + pin.Version
                            + "), found neither at " + restored + " nor in NF_REFS (" + _toolchain.Refs + ")");
                    }
                    references.Add((assembly, path));
                    string from = path == restored ? "the restored " + pin.Id + "." + pin.Version
                        : path == _toolchain.MscorlibDll ? "the toolchain's CoreLibrary (" + _toolchain.CoreLibraryDir + ")"
                        : "NF_REFS, version " + System.Reflection.AssemblyName.GetAssemblyName(path).Version;
                    sources.Add(assembly + " from " + from);
                }
            }
            references.AddRange(spec.SdkPackages.Select(id => (id, _builtDlls[id])));

            string assemblyInfo = Path.Combine(dir, spec.Id + ".AssemblyInfo.g.cs");
            File.WriteAllText(assemblyInfo, AssemblyInfo(version), new UTF8Encoding(false));
            if (!NanoCompiler.Compile(spec.Id, spec.Project.Sources.Append(assemblyInfo), references.Select(r => r.Dll), dll,
                out string errors, xml))
            {
                throw new PackageException(spec.Id + " does not compile:\n" + errors);
            }
            var hints = new List<KeyValuePair<string, string>>();
            hints.AddRange(references.Select(r => new KeyValuePair<string, string>(r.Name, r.Dll)));
            if (!NanoClr.MetadataProcessor.Convert(_toolchain, dll, hints, out _, out string error))
            {
                throw new PackageException(spec.Id + ": " + error);
            }
            _builtDlls[spec.Id] = dll;

            string[] files = AssemblyFileExtensions.Select(e => Path.Combine(dir, spec.Id + e)).ToArray();
            string absent = files.FirstOrDefault(f => !File.Exists(f));
            if (absent != null) throw new PackageException(spec.Id + ": " + Path.GetFileName(absent) + " was not produced");

            IReadOnlyList<PackageDependency> dependencies = spec.Dependencies(version);
            (string commit, string commitTime) = GitCommit();
            var builder = new PackageBuilder(deterministic: true)
            {
                // Same inputs, same bytes: the archive's entry times are the commit's time (a fixed one without git).
                DeterministicTimestamp = commitTime ?? "2000-01-01T00:00:00+00:00",
                Id = spec.Id,
                Version = version,
                Title = spec.Id,
                Description = spec.Description,
                RequireLicenseAcceptance = false,
                DevelopmentDependency = false,
                Copyright = "Copyright (c) LinkKit.Nano contributors",
            };
            builder.Authors.Add(Authors);
            foreach (string tag in Tags.Split(' ')) builder.Tags.Add(tag);
            if (commit != null) builder.Repository = new RepositoryMetadata { Type = "git", Commit = commit };
            builder.DependencyGroups.Add(new PackageDependencyGroup(NuGetFramework.AnyFramework, dependencies));
            foreach (string file in files)
            {
                builder.Files.Add(new PhysicalPackageFile { SourcePath = file, TargetPath = LibFolder + "/" + Path.GetFileName(file) });
            }

            Directory.CreateDirectory(outputDir);
            string nupkg = Path.Combine(outputDir, spec.Id + "." + version.ToNormalizedString() + ".nupkg");
            using (FileStream stream = File.Create(nupkg)) builder.Save(stream);
            return new BuiltPackage(spec.Id, nupkg, dll,
                files.Select(f => LibFolder + "/" + Path.GetFileName(f)).ToList(), dependencies, sources);
        }

        /// <summary>The version attributes the device build would get from an AssemblyInfo.cs.</summary>
        public static string AssemblyInfo(NuGetVersion version)
        {
            string numeric = SdkVersion.AssemblyVersion(version).ToString();
            return "// Generated by tools/package from " + SdkVersion.PropsFile + " (" + SdkVersion.Property + ") or its version option.\n"
                + "[assembly: System.Reflection.AssemblyVersion(\"" + numeric + "\")]\n"
                + "[assembly: System.Reflection.AssemblyFileVersion(\"" + numeric + "\")]\n"
                + "[assembly: System.Reflection.AssemblyInformationalVersion(\"" + version.ToNormalizedString() + "\")]\n";
        }

        private (string Commit, string Time)? _commit;

        /// <summary>
        /// The checkout's commit and its commit time: the nuspec's repository element records the commit (as nanoFramework's
        /// packages do) and the time stamps the archive's entries. Nulls without git.
        /// </summary>
        private (string Commit, string Time) GitCommit()
        {
            if (_commit != null) return _commit.Value;
            _commit = (null, null);
            try
            {
                var start = new ProcessStartInfo("git", "log -1 --format=%H%n%cI")
                {
                    WorkingDirectory = _repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true,
                };
                using Process git = Process.Start(start);
                string[] lines = git.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                git.StandardError.ReadToEnd();
                git.WaitForExit();
                if (git.ExitCode == 0 && lines.Length == 2 && lines[0].Length == 40) _commit = (lines[0], lines[1]);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // no git: no repository element, a fixed time
            }
            return _commit.Value;
        }
    }
}
