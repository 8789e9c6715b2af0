using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LinkKit.NanoClr
{
    /// <summary>
    /// linkkit-nanoclr [--timeout S] [--keep] [--lib Name=dir | --lib L.nfproj]... [--device D.nfproj]... [--benchmark B.nfproj]... T.nfproj...
    /// Compiles each device project (D) against the real nanoFramework libraries it references (compile only: a wrong API
    /// name or overload fails); compiles each portable library (default LinkKit.Nano=nf/src; each --lib against the ones
    /// before it; a library given as its .nfproj also against the class libraries it references, from NF_REFS, and is then
    /// loaded only for the test projects that reference it, with those class libraries)
    /// and each test project (T, B) as NFUnitTest, runs each on nanoCLR and prints every failure and the counts
    /// per assembly (a benchmark's "bench" lines too) and every library's footprint; the last line is
    /// "nanoclr: N passed, M failed". Exit 0 only when nothing failed and every declared test reported.
    /// </summary>
    internal static class Program
    {
        private const string TestAssembly = "NFUnitTest";

        private static int Main(string[] args)
        {
            int timeout = 300;
            bool keep = false;
            var tests = new List<string>();
            var benchmarks = new List<string>();
            var devices = new List<string>();
            var libraries = new List<(string Name, string Dir)>();   // Dir: a source folder, or a library's .nfproj
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--timeout": timeout = int.Parse(args[++i]); break;
                    case "--keep": keep = true; break;
                    case "--benchmark": benchmarks.Add(args[++i]); break;
                    case "--device": devices.Add(args[++i]); break;
                    case "--lib":
                        string[] lib = args[++i].Split('=', 2);
                        libraries.Add(lib.Length == 2 ? (lib[0], lib[1]) : (null, lib[0]));
                        break;
                    default: tests.Add(args[i]); break;
                }
            }
            if (tests.Count + benchmarks.Count == 0)
            {
                Console.Error.WriteLine("usage: linkkit-nanoclr [--timeout S] [--keep] [--lib Name=dir | --lib L.nfproj]... [--device D.nfproj]... [--benchmark B.nfproj]... T.nfproj...");
                return 2;
            }

            string root = RepositoryRoot();
            Toolchain toolchain = Toolchain.Find(root, out string problem);
            if (toolchain == null)
            {
                Console.Error.WriteLine(problem);
                Console.Error.WriteLine(Toolchain.Help);
                Console.WriteLine("nanoclr: 0 passed, 1 failed");
                return 1;
            }
            Console.WriteLine("toolchain: " + toolchain.Source);

            string scratch = Directory.CreateTempSubdirectory("linkkit-nanoclr-").FullName;
            try
            {
                var session = new Session(toolchain, scratch, timeout);
                foreach (string project in devices) session.CompileDevice(project);
                if (libraries.Count == 0) libraries.Add(("LinkKit.Nano", "nf/src"));
                if (!session.PrepareLibraries(libraries.Select(l => (l.Name, Path.Combine(root, l.Dir)))))
                {
                    Console.WriteLine("nanoclr: 0 passed, 1 failed");
                    return 1;
                }
                foreach (string project in tests) session.Run(project, false);
                foreach (string project in benchmarks) session.Run(project, true);
                session.PrintSummary();
                return session.Failed == 0 && session.Passed > 0 ? 0 : 1;
            }
            finally
            {
                if (keep) Console.WriteLine("kept " + scratch);
                else Directory.Delete(scratch, true);
            }
        }

        internal static string RepositoryRoot()
        {
            for (string dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "LinkKit.Nano.sln"))) return dir;
            }
            return Directory.GetCurrentDirectory();
        }

        /// <summary>One run of the library and its test assemblies.</summary>
        private sealed class Session
        {
            private readonly Toolchain _toolchain;
            private readonly string _scratch;
            private readonly int _timeout;
            private string _testFrameworkPe, _launcherPe;
            // The portable libraries in dependency order, with their footprint lines once a run printed them. Refs: the class
            // libraries (NF_REFS) a library given as an .nfproj references; such a library runs only where a test project references it.
            private readonly List<(string Name, string Dll, string Pe, List<(string Name, string Dll)> Refs)> _libraries = new();
            private readonly Dictionary<string, string> _footprints = new();
            private readonly List<string> _summary = new();

            public int Passed { get; private set; }
            public int Failed { get; private set; }

            public Session(Toolchain toolchain, string scratch, int timeout)
            {
                _toolchain = toolchain;
                _scratch = scratch;
                _timeout = timeout;
            }

            /// <summary>Compiles and converts the libraries (each against the ones before it), the TestFramework and the launcher once for every test assembly.</summary>
            public bool PrepareLibraries(IEnumerable<(string Name, string Source)> libraries)
            {
                string dir = Directory.CreateDirectory(Path.Combine(_scratch, "lib")).FullName;
                foreach ((string given, string source) in libraries)
                {
                    string name = given;
                    string[] sources;
                    var refs = new List<(string Name, string Dll)>();
                    if (source.EndsWith(".nfproj", StringComparison.Ordinal))
                    {
                        TestProjectFile project = TestProjectFile.Load(source);
                        name = project.AssemblyName;
                        sources = project.Sources;
                        if (!ResolveLibraries(project, null, out refs)) return false;
                    }
                    else
                    {
                        sources = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories);
                    }
                    string dll = Path.Combine(dir, name + ".dll");
                    var references = new List<string> { _toolchain.MscorlibDll };
                    references.AddRange(_libraries.Select(l => l.Dll));
                    references.AddRange(refs.Select(r => r.Dll));
                    if (!NanoCompiler.Compile(name, sources, references, dll, out string errors))
                    {
                        Console.WriteLine("FAILED to compile " + name + " against nanoFramework's mscorlib" + (refs.Count > 0 ? " and " + string.Join(", ", refs.Select(r => r.Name)) : "") + ":\n" + errors);
                        return false;
                    }
                    if (!Convert(dll, Hints(_libraries.Select(l => (l.Name, l.Dll)).Concat(refs).ToArray()), out string pe)) return false;
                    _libraries.Add((name, dll, pe, refs));
                }
                string testFramework = Copy(_toolchain.TestFrameworkDll, dir);
                string launcher = Copy(_toolchain.LauncherDll, dir);
                return Convert(testFramework, Hints(), out _testFrameworkPe)
                    && Convert(launcher, Hints(("nanoFramework.TestFramework", testFramework)), out _launcherPe);
            }

            /// <summary>Compiles a device project (library or firmware) as the device build would; runs nothing.</summary>
            public void CompileDevice(string projectPath)
            {
                TestProjectFile project = TestProjectFile.Load(projectPath);
                string dir = Directory.CreateDirectory(Path.Combine(_scratch, "device")).FullName;
                var references = new List<string> { _toolchain.MscorlibDll };
                if (!ResolveLibraries(project, null, out List<(string Name, string Dll)> libraries)) return;
                references.AddRange(libraries.Select(l => l.Dll));
                references.AddRange(project.ProjectReferences.Select(name => Path.Combine(dir, name + ".dll")));
                string output = Path.Combine(dir, project.AssemblyName + ".dll");
                if (!NanoCompiler.Compile(project.AssemblyName, project.Sources, references, output, out string errors))
                {
                    Fail(project.Name, "does not compile against the nanoFramework libraries it references:\n" + errors);
                    return;
                }
                string line = "device " + project.Name + ": compiled (" + project.Sources.Length + " files against "
                    + string.Join(", ", project.LibraryReferences) + ")";
                Console.WriteLine(line);
                _summary.Add(line);
            }

            public void Run(string projectPath, bool benchmark)
            {
                TestProjectFile project = TestProjectFile.Load(projectPath);
                Console.WriteLine("== nanoCLR: " + project.Name + " (" + project.Sources.Length + " files)");
                string dir = Directory.CreateDirectory(Path.Combine(_scratch, project.Name)).FullName;

                if (!ResolveLibraries(project, dir, out List<(string Name, string Dll)> refs)) return;
                // Libraries with class-library references only where the project references them, and their class libraries with them.
                var libraries = _libraries.Where(l => l.Refs.Count == 0 || project.ProjectReferences.Contains(l.Name)).ToList();
                foreach (var library in libraries)
                {
                    foreach ((string name, string dll) in library.Refs)
                    {
                        if (!refs.Any(r => r.Name == name)) refs.Add((name, Copy(dll, dir)));
                    }
                }
                var refPes = new List<string>();
                foreach ((string name, string dll) in refs)
                {
                    // A class library may reference others (nanoFramework.Json: System.Collections, System.Text, System.IO.Streams).
                    if (!Convert(dll, Hints(refs.Where(r => r.Name != name).ToArray()), out string pe)) { Fail(project.Name, "could not convert " + name); return; }
                    refPes.Add(pe);
                }

                string testDll = Path.Combine(dir, TestAssembly + ".dll");
                var references = new List<string> { _toolchain.MscorlibDll, _toolchain.TestFrameworkDll };
                references.AddRange(libraries.Select(l => l.Dll));
                references.AddRange(refs.Select(r => r.Dll));
                if (!NanoCompiler.Compile(TestAssembly, project.Sources, references, testDll, out string errors))
                {
                    Fail(project.Name, "does not compile against nanoFramework's mscorlib and the real TestFramework:\n" + errors);
                    return;
                }
                var hints = new List<(string, string)> { ("nanoFramework.TestFramework", _toolchain.TestFrameworkDll) };
                hints.AddRange(libraries.Select(l => (l.Name, l.Dll)));
                hints.AddRange(refs);
                if (!Convert(testDll, Hints(hints.ToArray()), out string testPe)) { Fail(project.Name, "could not convert " + TestAssembly); return; }

                var pes = new List<string> { _toolchain.MscorlibPe };
                pes.AddRange(refPes);
                pes.AddRange(new[] { _launcherPe, _testFrameworkPe });
                pes.AddRange(libraries.Select(l => l.Pe));
                pes.Add(testPe);
                ClrRun run = ClrRun.Start(_toolchain.Clr, pes, dir, _timeout);
                Report(project.Name, run, DeclaredTests.Read(testDll), new FileInfo(testPe).Length, benchmark);
            }

            /// <summary>The project's class libraries from NF_REFS (copied into <paramref name="copyTo"/> when given).</summary>
            private bool ResolveLibraries(TestProjectFile project, string copyTo, out List<(string Name, string Dll)> libraries)
            {
                libraries = new List<(string Name, string Dll)>();
                foreach (string name in project.LibraryReferences)
                {
                    string dll = Path.Combine(_toolchain.Refs, name + ".dll");
                    if (!File.Exists(dll))
                    {
                        Fail(project.Name, "references " + name + ", which is not in NF_REFS (" + _toolchain.Refs + ")");
                        return false;
                    }
                    libraries.Add((name, copyTo == null ? dll : Copy(dll, copyTo)));
                }
                return true;
            }

            private void Report(string name, ClrRun run, Dictionary<string, int> declared, long peBytes, bool benchmark)
            {
                if (benchmark)
                {
                    foreach (string benchLine in run.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("bench ", StringComparison.Ordinal)))
                    {
                        Console.WriteLine(benchLine);
                    }
                }
                foreach (string failure in run.Failures) Console.WriteLine("FAILED " + failure);

                var missing = new List<string>();
                foreach (string key in declared.Keys.Union(run.Reported.Keys).OrderBy(k => k, StringComparer.Ordinal))
                {
                    int expected = declared.TryGetValue(key, out int e) ? e : 0;
                    int reported = run.Reported.TryGetValue(key, out int r) ? r : 0;
                    if (expected != reported) missing.Add(key + ": " + expected + " declared, " + reported + " reported");
                }
                foreach (string m in missing) Console.WriteLine("MISSING " + m);

                string problem = run.TimedOut ? "nanoCLR did not finish within " + _timeout + " s (killed)"
                    : run.ExitCode != 0 ? "nanoCLR exited with " + run.ExitCode + (run.ExitCode > 128 ? " (signal " + (run.ExitCode - 128) + ": crashed)" : "")
                    : run.Passed + run.Failed == 0 ? "no test ran" : null;
                if (problem != null)
                {
                    Console.WriteLine("FAILED " + name + ": " + problem + "; last lines:\n" + run.Tail(20));
                }

                int failed = run.Failed + run.Skipped + missing.Count + (problem != null ? 1 : 0);
                foreach ((string library, _, _, _) in _libraries)
                {
                    if (!_footprints.ContainsKey(library) && run.Footprint(library) != null) _footprints[library] = run.Footprint(library);
                }
                string counts = run.Passed + " passed, " + failed + " failed (" + run.Failed + " failing, " + run.Skipped + " skipped, "
                    + missing.Count + " not reported as declared" + (problem != null ? ", " + problem : "") + ")";
                string summary = (benchmark ? "benchmarks " : "") + name + ": " + counts + "; " + TestAssembly + ".pe " + peBytes + " bytes";
                Console.WriteLine(summary);
                _summary.Add(summary);
                Passed += run.Passed;
                Failed += failed;
            }

            public void PrintSummary()
            {
                Console.WriteLine("== nanoCLR summary");
                foreach (string line in _summary) Console.WriteLine("  " + line);
                foreach ((string library, _, string pe, _) in _libraries)
                {
                    Console.WriteLine("footprint: " + library + ".pe " + new FileInfo(pe).Length + " bytes; nanoCLR: "
                        + (_footprints.TryGetValue(library, out string line) ? line : "no footprint line printed"));
                }
                Console.WriteLine("nanoclr: " + Passed + " passed, " + Failed + " failed");
            }

            private void Fail(string name, string why)
            {
                Console.WriteLine("FAILED " + name + " " + why);
                _summary.Add(name + ": " + why);
                Failed++;
            }

            private bool Convert(string dll, IEnumerable<KeyValuePair<string, string>> hints, out string pe)
            {
                if (MetadataProcessor.Convert(_toolchain, dll, hints, out pe, out string error)) return true;
                Console.WriteLine("FAILED " + Path.GetFileName(dll) + ": " + error);
                return false;
            }

            private List<KeyValuePair<string, string>> Hints(params (string Name, string Dll)[] others)
            {
                var hints = new List<KeyValuePair<string, string>> { new("mscorlib", _toolchain.MscorlibDll) };
                hints.AddRange(others.Select(o => new KeyValuePair<string, string>(o.Name, o.Dll)));
                return hints;
            }

            private static string Copy(string file, string dir)
            {
                string target = Path.Combine(dir, Path.GetFileName(file));
                File.Copy(file, target, true);
                return target;
            }
        }
    }
}
