using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LinkKit.NanoClr;
using NuGet.Versioning;
using Xunit;

namespace LinkKit.Package.Tests
{
    /// <summary>
    /// Why a nanoFramework dependency's range is [pin, next minor): nanoCLR binds an assembly reference by name and
    /// major.minor. An assembly built against library A 1.2.3.0 runs on nanoCLR with A 1.2.9.0 or 1.2.1.0 (another patch)
    /// but meets "Link failure" with A 1.3.0.0, 1.1.0.0 or 2.2.3.0. The range the packager writes for a 1.2.3 pin admits
    /// exactly the versions at or above the pin that bind.
    /// </summary>
    public class BindingRuleTests
    {
        [Fact]
        public void Range_admits_exactly_the_versions_nanoCLR_binds_from_the_pin_up()
        {
            string root = NanoClr.Program.RepositoryRoot();
            Toolchain toolchain = Toolchain.Find(root, out string problem);
            Assert.True(toolchain != null, problem);
            string dir = Directory.CreateTempSubdirectory("linkkit-package-binding-").FullName;
            try
            {
                var mscorlib = new KeyValuePair<string, string>("mscorlib", toolchain.MscorlibDll);
                string builtAgainst = Library(toolchain, dir, "1.2.3.0");
                string testFramework = Path.Combine(dir, "nanoFramework.TestFramework.dll"), launcher = Path.Combine(dir, "nanoFramework.UnitTestLauncher.dll");
                File.Copy(toolchain.TestFrameworkDll, testFramework);
                File.Copy(toolchain.LauncherDll, launcher);
                var testFrameworkHint = new KeyValuePair<string, string>("nanoFramework.TestFramework", testFramework);
                Assert.True(NanoClr.MetadataProcessor.Convert(toolchain, testFramework, new[] { mscorlib }, out string testFrameworkPe, out string e1), e1);
                Assert.True(NanoClr.MetadataProcessor.Convert(toolchain, launcher, new[] { mscorlib, testFrameworkHint }, out string launcherPe, out string e2), e2);

                string source = Path.Combine(dir, "Binding.cs");
                File.WriteAllText(source, "using nanoFramework.TestFramework;\nnamespace NFUnitTestBinding { [TestClass] public class Binding { "
                    + "[TestMethod] public void Calls_the_library() { Assert.AreEqual(42, A.Library.Answer()); } } }\n");
                string testDll = Path.Combine(dir, "NFUnitTest.dll");
                Assert.True(NanoCompiler.Compile("NFUnitTest", new[] { source }, new[] { toolchain.MscorlibDll, testFramework, builtAgainst }, testDll, out string errors), errors);
                Assert.True(NanoClr.MetadataProcessor.Convert(toolchain, testDll,
                    new[] { mscorlib, testFrameworkHint, new KeyValuePair<string, string>("A", builtAgainst) }, out string testPe, out string e3), e3);

                VersionRange range = PackageSpec.NanoRange(NuGetVersion.Parse("1.2.3"));
                foreach (string deployed in new[] { "1.2.3.0", "1.2.9.0", "1.2.1.0", "1.3.0.0", "1.1.0.0", "2.2.3.0" })
                {
                    string pe = Path.ChangeExtension(Library(toolchain, Directory.CreateDirectory(Path.Combine(dir, deployed)).FullName, deployed), ".pe");
                    ClrRun run = ClrRun.Start(toolchain.Clr, new[] { toolchain.MscorlibPe, launcherPe, testFrameworkPe, pe, testPe }, dir, 60);
                    bool binds = run.Passed == 1 && !run.Output.Contains("Link failure", StringComparison.Ordinal);
                    Assert.True(binds || run.Output.Contains("Link failure", StringComparison.Ordinal), "A " + deployed + ":\n" + run.Tail(20));
                    NuGetVersion version = NuGetVersion.Parse(deployed);
                    Assert.Equal(binds, version.Major == 1 && version.Minor == 2);
                    // From the pin up the range follows the runtime; below it (1.2.1 binds too) it keeps to the checked pin.
                    Assert.Equal(version >= NuGetVersion.Parse("1.2.3") && binds, range.Satisfies(version));
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        /// <summary>Library A at <paramref name="version"/>, compiled and converted into <paramref name="dir"/>; returns its .dll.</summary>
        private static string Library(Toolchain toolchain, string dir, string version)
        {
            string source = Path.Combine(dir, "A.cs");
            File.WriteAllText(source, "[assembly: System.Reflection.AssemblyVersion(\"" + version + "\")]\n"
                + "namespace A { public static class Library { public static int Answer() { return 42; } } }\n");
            string dll = Path.Combine(dir, "A.dll");
            Assert.True(NanoCompiler.Compile("A", new[] { source }, new[] { toolchain.MscorlibDll }, dll, out string errors), errors);
            Assert.True(NanoClr.MetadataProcessor.Convert(toolchain, dll, new[] { new KeyValuePair<string, string>("mscorlib", toolchain.MscorlibDll) },
                out _, out string error), error);
            return dll;
        }
    }
}
