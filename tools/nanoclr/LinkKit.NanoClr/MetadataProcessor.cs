using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace LinkKit.NanoClr
{
    /// <summary>Converts an assembly to the .pe nanoCLR loads, with nanoFramework's MetadataProcessor.</summary>
    internal static class MetadataProcessor
    {
        /// <summary>
        /// Converts <paramref name="dll"/> next to itself. MetadataProcessor can exit 0 after a failure and leave a
        /// truncated .pe, so any output on stderr counts as a failure too.
        /// </summary>
        /// <param name="loadHints">Assembly name and .dll of everything <paramref name="dll"/> references.</param>
        public static bool Convert(Toolchain toolchain, string dll, IEnumerable<KeyValuePair<string, string>> loadHints, out string pe, out string error)
        {
            pe = Path.ChangeExtension(dll, ".pe");
            if (File.Exists(pe)) File.Delete(pe);
            var start = new ProcessStartInfo(toolchain.MetadataProcessor.EndsWith(".dll") ? "dotnet" : toolchain.MetadataProcessor)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(dll),
            };
            if (toolchain.MetadataProcessor.EndsWith(".dll")) start.ArgumentList.Add(toolchain.MetadataProcessor);
            foreach (KeyValuePair<string, string> hint in loadHints)
            {
                start.ArgumentList.Add("-loadHints");
                start.ArgumentList.Add(hint.Key);
                start.ArgumentList.Add(hint.Value);
            }
            start.ArgumentList.Add("-parse");
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("-compile");
            start.ArgumentList.Add(pe);
            start.ArgumentList.Add("false");

            using Process process = Process.Start(start);
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            error = null;
            if (process.ExitCode != 0) error = "MetadataProcessor exited with " + process.ExitCode + ": " + stderr + stdout.Result;
            else if (stderr.Trim().Length > 0) error = "MetadataProcessor reported: " + stderr.Trim();
            else if (!File.Exists(pe)) error = "MetadataProcessor wrote no " + pe;
            return error == null;
        }
    }
}
