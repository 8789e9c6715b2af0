using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using LinkKit.NanoClr;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Packaging.Signing;
using NuGet.Versioning;
using Xunit;

namespace LinkKit.Package.Tests
{
    /// <summary>
    /// Builds the packages once for every test that reads them: the command itself (Program.Run, as linkkit-package
    /// runs) into a scratch folder, then installs each .nupkg with NuGet's own extractor into a packages\ folder laid out
    /// as a packages.config restore lays it out (&lt;id&gt;.&lt;version&gt;\lib\...), which is what a nanoFramework project's
    /// HintPaths point into.
    /// </summary>
    public sealed class PackagesFixture : IDisposable
    {
        public string Root { get; }
        internal Toolchain Toolchain { get; }
        public NuGetVersion Version { get; }
        public string Work { get; }
        public string Output { get; }
        public string Packages { get; }
        public string Log { get; }
        /// <summary>Every package the command built (one per nf/*.nfproj class library), in dependency order.</summary>
        public IReadOnlyList<string> Ids { get; }

        public PackagesFixture()
        {
            Root = NanoClr.Program.RepositoryRoot();
            Toolchain = Toolchain.Find(Root, out string problem) ?? throw new InvalidOperationException(problem + "\n" + Toolchain.Help);
            Version = SdkVersion.Read(Root);
            Ids = PackagePlan.Load(PackagePlan.DefaultProjects(Root)).Select(s => s.Id).ToList();
            Work = Directory.CreateTempSubdirectory("linkkit-package-tests-").FullName;
            Output = Path.Combine(Work, "out");
            Packages = Path.Combine(Work, "packages");

            var log = new StringWriter();
            int exit = Program.Run(new[] { "--output", Output }, log);
            Log = log.ToString();
            if (exit != 0) throw new InvalidOperationException("linkkit-package exited with " + exit + ":\n" + Log);

            var context = new PackageExtractionContext(PackageSaveMode.Defaultv2, XmlDocFileSaveMode.None,
                ClientPolicyContext.GetClientPolicy(NullSettings.Instance, NullLogger.Instance), NullLogger.Instance);
            foreach (string id in Ids)
            {
                using FileStream stream = File.OpenRead(Nupkg(id));
                PackageExtractor.ExtractPackageAsync(null, stream, new PackagePathResolver(Packages), context, CancellationToken.None)
                    .GetAwaiter().GetResult();
            }
        }

        public string Nupkg(string id) => Path.Combine(Output, id + "." + Version.ToNormalizedString() + ".nupkg");

        /// <summary>The package's folder in packages\, as a packages.config restore leaves it.</summary>
        public string Installed(string id) => Path.Combine(Packages, id + "." + Version.ToNormalizedString());

        public string Lib(string id, string extension) => Path.Combine(Installed(id), "lib", id + extension);

        public void Dispose()
        {
            try { Directory.Delete(Work, true); }
            catch (IOException) { }
        }
    }

    [CollectionDefinition("packages")]
    public sealed class PackagesCollection : ICollectionFixture<PackagesFixture>
    {
    }
}
