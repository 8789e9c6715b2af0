using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LinkKit.NanoClr;
using NuGet.Versioning;

namespace LinkKit.Package
{
    /// <summary>
    /// linkkit-package [--version V] [--output DIR] [--keep] [NFPROJ...]
    /// Builds one NuGet package per nanoFramework class library (default: every library project directly in nf/, that is
    /// LinkKit.Nano and its optional assemblies), all at the SDK's one version (nf/Directory.Build.props, or --version),
    /// into DIR (default artifacts/packages). Prints each package, its files and dependencies; the last line is
    /// "packages: N built". Exit 0 when every package was written, 1 when one failed, 2 on a usage error.
    /// </summary>
    internal static class Program
    {
        public const string Usage = "usage: linkkit-package [--version V] [--output DIR] [--keep] [NFPROJ...]";

        internal static int Main(string[] args) => Run(args, Console.Out);

        internal static int Run(string[] args, TextWriter output)
        {
            string versionText = null, outputDir = null;
            bool keep = false;
            var projects = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--version" when i + 1 < args.Length: versionText = args[++i]; break;
                    case "--output" when i + 1 < args.Length: outputDir = args[++i]; break;
                    case "--keep": keep = true; break;
                    default:
                        if (args[i].StartsWith("-", StringComparison.Ordinal) || !args[i].EndsWith(".nfproj", StringComparison.Ordinal))
                        {
                            output.WriteLine(Usage);
                            return 2;
                        }
                        projects.Add(args[i]);
                        break;
                }
            }

            string root = NanoClr.Program.RepositoryRoot();
            Toolchain toolchain = Toolchain.Find(root, out string problem);
            if (toolchain == null)
            {
                output.WriteLine(problem);
                output.WriteLine(Toolchain.Help);
                return 1;
            }

            string scratch = Directory.CreateTempSubdirectory("linkkit-package-").FullName;
            int built = 0;
            try
            {
                NuGetVersion version = versionText == null ? SdkVersion.Read(root) : SdkVersion.Parse(versionText, "--version");
                outputDir = Path.GetFullPath(outputDir ?? Path.Combine(root, "artifacts", "packages"));
                List<PackageSpec> specs = PackagePlan.Load(projects.Count > 0 ? projects : PackagePlan.DefaultProjects(root));
                output.WriteLine("toolchain: " + toolchain.Source);
                output.WriteLine("version " + version.ToNormalizedString() + (versionText == null ? " (" + SdkVersion.PropsFile + ")" : " (--version)")
                    + "; assemblies " + SdkVersion.AssemblyVersion(version));

                var packager = new Packager(toolchain, root, scratch);
                foreach (PackageSpec spec in specs)
                {
                    BuiltPackage package = packager.Build(spec, version, outputDir);
                    built++;
                    output.WriteLine("== " + package.Id + " " + version.ToNormalizedString() + ": " + Path.GetRelativePath(Directory.GetCurrentDirectory(), package.Nupkg)
                        + " (" + new FileInfo(package.Nupkg).Length + " bytes)");
                    foreach (string file in package.Files)
                    {
                        output.WriteLine("  " + file + " (" + new FileInfo(Path.Combine(Path.GetDirectoryName(package.Dll), Path.GetFileName(file))).Length + " bytes)");
                    }
                    foreach (var dependency in package.Dependencies)
                    {
                        output.WriteLine("  depends on " + dependency.Id + " " + dependency.VersionRange.ToLegacyShortString());
                    }
                    output.WriteLine("  compiled against " + string.Join(", ", package.ReferenceSources));
                }
                output.WriteLine("packages: " + specs.Count + " built in " + outputDir);
                return 0;
            }
            catch (PackageException e)
            {
                output.WriteLine("FAILED " + e.Message);
                output.WriteLine("packages: " + built + " built, 1 failed");
                return 1;
            }
            finally
            {
                if (keep) output.WriteLine("kept " + scratch);
                else Directory.Delete(scratch, true);
            }
        }
    }
}
