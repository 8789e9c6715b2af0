using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace LinkKit.NanoClr
{
    /// <summary>Where the nanoFramework tools are: the NF_* variables, else the toolchain folder beside the repository.</summary>
    internal sealed class Toolchain
    {
        public string Clr { get; private init; }
        public string MetadataProcessor { get; private init; }
        public string TestFrameworkDir { get; private init; }
        public string Refs { get; private init; }
        public string CoreLibraryDir { get; private init; }
        public string Source { get; private init; }

        public string MscorlibDll => Path.Combine(CoreLibraryDir, "mscorlib.dll");
        public string MscorlibPe => Path.Combine(CoreLibraryDir, "mscorlib.pe");
        public string TestFrameworkDll => Path.Combine(TestFrameworkDir, "nanoFramework.TestFramework.dll");
        public string LauncherDll => Path.Combine(TestFrameworkDir, "nanoFramework.UnitTestLauncher.dll");

        public const string Help =
            "The nanoFramework toolchain was not found. Set all four variables:\n" +
            "  NF_CLR     the POSIX nanoCLR host, nanoFramework.nanoCLR.test (nanoframework/nf-interpreter, targets/posix, main @ a3e8139a1)\n" +
            "  NF_MDP     nanoFramework.Tools.MetadataProcessor.dll (nanoframework/metadata-processor v3.0.100, 4541b46)\n" +
            "  NF_TF_DIR  folder with nanoFramework.TestFramework.dll and nanoFramework.UnitTestLauncher.dll\n" +
            "             (nanoframework/nanoFramework.TestFramework @ d4fa55e, the sources of v3.0.77)\n" +
            "  NF_REFS    folder with the nanoFramework class libraries the tests reference (nanoframework/<library> repositories\n" +
            "             at their release tags, e.g. nanoFramework.Runtime.Native 1.7.11)\n" +
            "or put the prebuilt toolchain at ../shared/nanoframework beside the repository (nanoclr/, metadata-processor/,\n" +
            "testframework/, refs/).";

        /// <summary>The toolchain, or null (with <see cref="Help"/> to print) when neither source is complete.</summary>
        public static Toolchain Find(string repositoryRoot, out string problem)
        {
            problem = null;
            string shared = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "nanoframework"));
            string clr = Variable("NF_CLR") ?? Under(shared, "nanoclr/nanoFramework.nanoCLR.test");
            string mdp = Variable("NF_MDP") ?? Under(shared, "metadata-processor/nanoFramework.Tools.MetadataProcessor.dll");
            string tf = Variable("NF_TF_DIR") ?? Under(shared, "testframework");
            string refs = Variable("NF_REFS") ?? Under(shared, "refs");

            var toolchain = new Toolchain
            {
                Clr = clr, MetadataProcessor = mdp, TestFrameworkDir = tf, Refs = refs,
                CoreLibraryDir = typeof(Toolchain).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                    .Single(a => a.Key == "CoreLibraryDir").Value,
                Source = Variable("NF_CLR") != null ? "NF_* variables" : shared,
            };
            string[] missing = new[]
            {
                Check("NF_CLR", clr, File.Exists), Check("NF_MDP", mdp, File.Exists), Check("NF_TF_DIR", tf, Directory.Exists),
                Check("NF_REFS", refs, Directory.Exists), Check("mscorlib 1.17.11", toolchain.MscorlibPe, File.Exists),
            }.Where(m => m != null).ToArray();
            if (missing.Length == 0) return toolchain;
            problem = string.Join("\n", missing);
            return null;
        }

        private static string Variable(string name)
        {
            string value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        private static string Under(string shared, string relative) =>
            Directory.Exists(shared) ? Path.Combine(shared, relative) : null;

        private static string Check(string what, string path, Func<string, bool> exists) =>
            path == null ? what + ": not set" : exists(path) ? null : what + ": " + path + " does not exist";
    }
}
