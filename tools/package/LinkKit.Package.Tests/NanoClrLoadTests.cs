using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using LinkKit.NanoClr;
using Xunit;

namespace LinkKit.Package.Tests
{
    /// <summary>
    /// The packages' own .pe files on the real runtime. A tiny test assembly (NFUnitTest) is compiled against the .dll
    /// files installed from the packages and converted with them as load hints; nanoCLR then runs it with mscorlib, the
    /// nanoFramework libraries the packages reference (NF_REFS, converted here), the TestFramework and launcher, and the
    /// .pe files exactly as they came out of the packages (nothing of the SDK is rebuilt). One nanoCLR run for all of them:
    /// nanoCLR links every assembly at start ("Link failure" and no test otherwise), then the tests call into each package,
    /// device adapters included, and read each assembly's version at run time.
    /// </summary>
    [Collection("packages")]
    public class NanoClrLoadTests
    {
        private readonly PackagesFixture _f;

        public NanoClrLoadTests(PackagesFixture fixture)
        {
            _f = fixture;
        }

        [Fact]
        public void Packages_own_pe_files_link_and_run_on_nanoCLR()
        {
            Toolchain toolchain = _f.Toolchain;
            string dir = Directory.CreateDirectory(Path.Combine(_f.Work, "nanoclr")).FullName;
            Dictionary<string, string> packageDlls = _f.Ids.ToDictionary(id => id, id => _f.Lib(id, ".dll"));

            // The nanoFramework libraries the packages reference, directly or through each other, in dependency order.
            List<(string Name, string Dll)> libraries = Libraries(toolchain, packageDlls.Values, dir);
            var mscorlib = new KeyValuePair<string, string>("mscorlib", toolchain.MscorlibDll);
            var libraryHints = libraries.Select(l => new KeyValuePair<string, string>(l.Name, l.Dll)).Prepend(mscorlib).ToList();
            var libraryPes = new List<string>();
            foreach ((string name, string dll) in libraries)
            {
                Assert.True(NanoClr.MetadataProcessor.Convert(toolchain, dll, libraryHints.Where(h => h.Key != name), out string pe, out string error), error);
                libraryPes.Add(pe);
            }
            string testFramework = Copy(toolchain.TestFrameworkDll, dir), launcher = Copy(toolchain.LauncherDll, dir);
            var testFrameworkHint = new KeyValuePair<string, string>("nanoFramework.TestFramework", testFramework);
            Assert.True(NanoClr.MetadataProcessor.Convert(toolchain, testFramework, new[] { mscorlib }, out string testFrameworkPe, out string e1), e1);
            Assert.True(NanoClr.MetadataProcessor.Convert(toolchain, launcher, new[] { mscorlib, testFrameworkHint }, out string launcherPe, out string e2), e2);

            string source = Path.Combine(dir, "PackageTests.cs");
            File.WriteAllText(source, TestSource());
            string testDll = Path.Combine(dir, "NFUnitTest.dll");
            Assert.True(NanoCompiler.Compile("NFUnitTest", new[] { source },
                new[] { toolchain.MscorlibDll, testFramework }.Concat(packageDlls.Values).Concat(libraries.Select(l => l.Dll)), testDll, out string errors), errors);
            var testHints = libraryHints.Append(testFrameworkHint).Concat(packageDlls.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
            Assert.True(NanoClr.MetadataProcessor.Convert(toolchain, testDll, testHints, out string testPe, out string e3), e3);

            var pes = new List<string> { toolchain.MscorlibPe };
            pes.AddRange(libraryPes);
            pes.Add(launcherPe);
            pes.Add(testFrameworkPe);
            pes.AddRange(_f.Ids.Select(id => _f.Lib(id, ".pe")));   // the packages' own, in dependency order
            pes.Add(testPe);
            ClrRun run = ClrRun.Start(toolchain.Clr, pes, dir, 120);

            string context = "\n" + run.Tail(40);
            Assert.False(run.TimedOut, "nanoCLR timed out" + context);
            Assert.DoesNotContain("Link failure", run.Output);
            Assert.Equal(0, run.ExitCode);
            Assert.True(run.Failures.Count == 0, string.Join("\n", run.Failures) + context);
            Dictionary<string, int> declared = DeclaredTests.Read(testDll);
            Assert.Equal(declared.OrderBy(d => d.Key, StringComparer.Ordinal), run.Reported.OrderBy(d => d.Key, StringComparer.Ordinal));
            Assert.Equal(declared.Values.Sum(), run.Passed);
            Assert.Equal(9, run.Passed);

            string assemblyVersion = _f.Version.Major + "." + _f.Version.Minor + "." + _f.Version.Patch + ".0";
            foreach (string id in _f.Ids)
            {
                Assert.StartsWith(id + " (" + assemblyVersion + ")", run.Footprint(id) ?? "no footprint line for " + id + context);
            }
        }

        /// <summary>The nanoFramework libraries (from NF_REFS, copied into <paramref name="dir"/>) the given assemblies need, dependencies first.</summary>
        private static List<(string Name, string Dll)> Libraries(Toolchain toolchain, IEnumerable<string> roots, string dir)
        {
            var ordered = new List<(string Name, string Dll)>();
            var seen = new HashSet<string>(StringComparer.Ordinal) { "mscorlib" };
            void Visit(string dll)
            {
                foreach (string name in AssemblyFile.Read(dll).References.Keys)
                {
                    if (name.StartsWith("LinkKit.", StringComparison.Ordinal) || !seen.Add(name)) continue;
                    string library = Path.Combine(toolchain.Refs, name + ".dll");
                    Assert.True(File.Exists(library), name + " is not in NF_REFS");
                    Visit(library);
                    ordered.Add((name, Copy(library, dir)));
                }
            }
            foreach (string root in roots) Visit(root);
            return ordered;
        }

        private static string Copy(string file, string dir)
        {
            string target = Path.Combine(dir, Path.GetFileName(file));
            File.Copy(file, target, true);
            return target;
        }

        /// <summary>
        /// The tests nanoCLR runs, with the expected values computed here on desktop .NET. Namespace NFUnitTest...: it sorts
        /// before System, clear of MetadataProcessor v3.0.100's attribute-table shift.
        /// </summary>
        private string TestSource()
        {
            string version = _f.Version.Major + "." + _f.Version.Minor + "." + _f.Version.Patch + ".0";
            string sha256 = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes("abc"))).ToLowerInvariant();
            string sign = Convert.ToHexString(HMACSHA256.HashData(Encoding.ASCII.GetBytes("ps"),
                Encoding.ASCII.GetBytes("deviceNamednproductKeypkrandom1234"))).ToLowerInvariant();
            return @"using System;
using LinkKit.Nano;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Json;
using LinkKit.Nano.Ota;
using nanoFramework.TestFramework;

namespace NFUnitTestPackages
{
    [TestClass]
    public class PackageTests
    {
        [TestMethod]
        public void Sdk_hashes_with_its_own_code()
        {
            byte[] digest = new byte[32];
            new Sha256().ComputeHash(new byte[] { (byte)'a', (byte)'b', (byte)'c' }, 0, 3, digest, 0);
            Assert.AreEqual(""" + sha256 + @""", Text(digest));
        }

        [TestMethod]
        public void Sdk_device_adapter_runs()
        {
            Assert.IsTrue(new TickCountClock().ElapsedMilliseconds >= 0);
        }

        [TestMethod]
        public void Sdk_reports_its_version()
        {
            Assert.AreEqual(""" + version + @""", typeof(LinkKitClient).Assembly.GetName().Version.ToString());
        }

        [TestMethod]
        public void Registration_signs_through_the_sdk()
        {
            RegistrationSigner signer = new RegistrationSigner(""pk"", ""dn"", ""ps"");
            byte[] sign = new byte[RegistrationSigner.SignLength];
            byte[] random = new byte[] { (byte)'1', (byte)'2', (byte)'3', (byte)'4' };
            Assert.AreEqual(RegistrationSigner.SignLength, signer.WriteSign(random, 0, random.Length, sign, 0, sign.Length));
            Assert.AreEqual(""" + sign + @""", Ascii(sign));
        }

        [TestMethod]
        public void Registration_reports_its_version()
        {
            Assert.AreEqual(""" + version + @""", typeof(RegistrationSigner).Assembly.GetName().Version.ToString());
        }

        [TestMethod]
        public void Ota_job_starts_empty()
        {
            OtaJob job = new OtaJob();
            Assert.AreEqual(0, job.FileCount);
            Assert.AreEqual(OtaJob.DefaultMaxFiles, job.MaxFiles);
        }

        [TestMethod]
        public void Ota_reports_its_version()
        {
            Assert.AreEqual(""" + version + @""", typeof(OtaAgent).Assembly.GetName().Version.ToString());
        }

        [TestMethod]
        public void Json_reads_an_object_through_nanoFramework_Json()
        {
            byte[] json = Bytes(""{\""Brightness\"":42,\""Label\"":\""hi\""}"");
            JsonReader reader = new JsonReader();
            reader.Reset(json, 0, json.Length);
            Lamp lamp = (Lamp)reader.ReadObject(typeof(Lamp));
            Assert.AreEqual(42, lamp.Brightness);
            Assert.AreEqual(""hi"", lamp.Label);
        }

        [TestMethod]
        public void Json_reports_its_version()
        {
            Assert.AreEqual(""" + version + @""", typeof(ThingJson).Assembly.GetName().Version.ToString());
        }

        private static byte[] Bytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }

        private static string Text(byte[] bytes)
        {
            byte[] hex = new byte[bytes.Length * 2];
            Hex.Encode(bytes, 0, bytes.Length, hex, 0, false);
            return Ascii(hex);
        }

        private static string Ascii(byte[] bytes)
        {
            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
            return new string(chars);
        }
    }

    public class Lamp
    {
        public int Brightness { get; set; }
        public string Label { get; set; }
    }
}
";
        }
    }
}
