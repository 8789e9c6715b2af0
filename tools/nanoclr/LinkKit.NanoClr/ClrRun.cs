using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace LinkKit.NanoClr
{
    /// <summary>One nanoCLR run of a test assembly and what the UnitTestLauncher reported in it.</summary>
    internal sealed class ClrRun
    {
        public string Output { get; private init; }
        public int ExitCode { get; private init; }
        public bool TimedOut { get; private init; }
        public int Passed { get; private set; }
        public int Failed { get; private set; }
        public int Skipped { get; private set; }
        public List<string> Failures { get; } = new();
        /// <summary>Results per "Namespace.Class.Method" (the launcher's key without its row index).</summary>
        public Dictionary<string, int> Reported { get; } = new();

        /// <summary>Runs nanoCLR on the .pe files (dependency order) in <paramref name="workDir"/>, killed after <paramref name="timeoutSeconds"/>.</summary>
        public static ClrRun Start(string clr, IEnumerable<string> peFiles, string workDir, int timeoutSeconds)
        {
            var start = new ProcessStartInfo(clr)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workDir,
            };
            foreach (string pe in peFiles) start.ArgumentList.Add(pe);

            var output = new StringBuilder();
            using Process process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            bool finished = process.WaitForExit(timeoutSeconds * 1000);
            if (!finished) process.Kill(true);
            process.WaitForExit();

            var run = new ClrRun { Output = output.ToString(), ExitCode = finished ? process.ExitCode : -1, TimedOut = !finished };
            run.Parse();
            return run;
        }

        /// <summary>The launcher prints "Test passed,key.row,ticks", "Test failed,key.row,message", "Test skipped,key.row,message".</summary>
        private void Parse()
        {
            foreach (string raw in Output.Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                string rest;
                if (line.StartsWith("Test passed,", StringComparison.Ordinal)) { Passed++; rest = line.Substring(12); }
                else if (line.StartsWith("Test failed,", StringComparison.Ordinal)) { Failed++; rest = line.Substring(12); Failures.Add(rest); }
                else if (line.StartsWith("Test skipped,", StringComparison.Ordinal)) { Skipped++; rest = line.Substring(13); Failures.Add("skipped " + rest); }
                else continue;
                string key = rest.Split(',')[0];
                int dot = key.LastIndexOf('.');
                if (dot > 0) key = key.Substring(0, dot);
                Reported[key] = (Reported.TryGetValue(key, out int n) ? n : 0) + 1;
            }
        }

        /// <summary>nanoCLR's footprint line for an assembly: "Name (version) (RAM - ROM - METADATA)", in bytes.</summary>
        public string Footprint(string assembly)
        {
            string line = Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Assembly: " + assembly + " (", StringComparison.Ordinal));
            return line == null ? null : string.Join(" ", line.Substring(10).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        public string Tail(int lines)
        {
            string[] all = Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
            return string.Join("\n", all.Skip(Math.Max(0, all.Length - lines)).Select(l => "  | " + l));
        }
    }
}
