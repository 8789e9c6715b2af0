using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace LinkKit.Flash.Tests
{
    /// <summary>Runs LinkKit.Flash in-process or as a child process, and finds the repository's files.</summary>
    internal static class Tool
    {
        public sealed record Result(int ExitCode, string Stdout, string Stderr)
        {
            public string All => Stdout + Stderr;
        }

        /// <summary>In-process, with <paramref name="fault"/> as the fault hook.</summary>
        public static Result Run(string stdin, Action<string> fault, params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = Program.Run(args, new StringReader(stdin ?? ""), stdout, stderr, fault);
            return new Result(code, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString().Replace("\r\n", "\n"));
        }

        public static Result Run(params string[] args)
        {
            return Run("", null, args);
        }

        /// <summary>The built tool (the LinkKit.Flash.dll beside the tests), started with dotnet.</summary>
        public static Process Start(IEnumerable<string> args, IDictionary<string, string> environment = null)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add(Dll);
            foreach (string a in args) start.ArgumentList.Add(a);
            start.Environment.Remove(Program.CrashVariable);
            if (environment != null)
            {
                foreach (var e in environment) start.Environment[e.Key] = e.Value;
            }

            return Process.Start(start);
        }

        /// <summary>Starts the built tool, feeds it <paramref name="stdin"/>, waits for it.</summary>
        public static Result Exec(IEnumerable<string> args, string stdin = "", IDictionary<string, string> environment = null)
        {
            using Process p = Start(args, environment);
            return Finish(p, stdin);
        }

        public static Result Finish(Process p, string stdin = "")
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
            if (!p.WaitForExit(120000))
            {
                p.Kill(true);
                throw new TimeoutException("LinkKit.Flash did not exit");
            }

            return new Result(p.ExitCode, stdout.Result.Replace("\r\n", "\n"), stderr.Result.Replace("\r\n", "\n"));
        }

        public static string Dll => typeof(Program).Assembly.Location;

        /// <summary>The exit code of a child that killed itself (<see cref="Program.CrashVariable"/>): SIGKILL on Unix.</summary>
        public static bool WasKilled(int exitCode)
        {
            return OperatingSystem.IsWindows() ? exitCode == -1 : exitCode == 128 + 9;
        }

        /// <summary>
        /// A temp folder in memory (/dev/shm) where there is one, else the usual one. The ledger syncs every commit; on
        /// ext4 (data=ordered) each sync also flushes the board folders just written, which made the 1,000-board run
        /// take 30 s instead of a few. The files are real SQLite files either way; a power cut is not what is tested.
        /// </summary>
        public static string FastTemp
        {
            get
            {
                const string shm = "/dev/shm";
                if (!OperatingSystem.IsLinux() || !Directory.Exists(shm)) return Path.GetTempPath();
                try
                {
                    string probe = Path.Combine(shm, "linkkit-probe-" + Guid.NewGuid().ToString("N"));
                    File.WriteAllText(probe, "");
                    File.Delete(probe);
                    return shm;
                }
                catch (IOException)
                {
                    return Path.GetTempPath();
                }
                catch (UnauthorizedAccessException)
                {
                    return Path.GetTempPath();
                }
            }
        }

        public static string Sample(string file)
        {
            return Path.Combine(RepositoryRoot(), "samples", "esp32", file);
        }

        public static string RepositoryRoot()
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            {
                if (Directory.Exists(Path.Combine(d.FullName, "nf")) && Directory.Exists(Path.Combine(d.FullName, "samples")))
                    return d.FullName;
            }

            throw new DirectoryNotFoundException("no ancestor of " + AppContext.BaseDirectory + " holds nf/ and samples/");
        }

        /// <summary>A console-style CSV of <paramref name="count"/> identities: a1FactoryPK/fab-00001…, each with a distinct 32-hex secret.</summary>
        public static (string Csv, List<(string Pk, string Dn, string Secret)> Rows) Batch(int count, int first = 1, string productKey = "a1FactoryPK")
        {
            var rows = new List<(string, string, string)>();
            var csv = new StringBuilder("ProductKey,DeviceName,DeviceSecret\r\n");
            for (int i = first; i < first + count; i++)
            {
                string dn = "fab-" + i.ToString("D5");
                string secret = SecretFor(productKey, i);
                rows.Add((productKey, dn, secret));
                csv.Append(productKey).Append(',').Append(dn).Append(',').Append(secret).Append("\r\n");
            }

            return (csv.ToString(), rows);
        }

        /// <summary>A deterministic 32-hex secret, distinct per product key and index.</summary>
        public static string SecretFor(string productKey, int index)
        {
            byte[] hash = System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes("secret:" + productKey + ":" + index));
            return Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
        }

        /// <summary>Every file under <paramref name="folder"/> as text (bytes as Latin-1), to look for secrets in.</summary>
        public static IEnumerable<(string Path, string Text)> AllFiles(string folder)
        {
            return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => (f, Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        }
    }
}
