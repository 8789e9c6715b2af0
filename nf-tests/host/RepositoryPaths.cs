using System;
using System.IO;

namespace LinkKit.Nano.Tests.Host
{
    /// <summary>Locates files of the checkout (and the nanoFramework gate outputs) from the test assembly.</summary>
    public static class RepositoryPaths
    {
        /// <summary>The checkout's root: the nearest ancestor holding both nf/ and nf-tests/.</summary>
        public static string Root
        {
            get
            {
                for (DirectoryInfo d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
                {
                    if (Directory.Exists(Path.Combine(d.FullName, "nf")) && Directory.Exists(Path.Combine(d.FullName, "nf-tests")))
                        return d.FullName;
                }

                throw new DirectoryNotFoundException("No ancestor of " + AppContext.BaseDirectory + " holds nf/ and nf-tests/.");
            }
        }

        public static string Combine(params string[] parts) { return Path.Combine(Root, Path.Combine(parts)); }

        /// <summary>An assembly built against nanoFramework's mscorlib, copied next to the tests by the test project.</summary>
        public static string NanoGate(string fileName) { return Path.Combine(AppContext.BaseDirectory, "nano-gate", fileName); }
    }
}
