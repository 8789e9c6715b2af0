using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;

namespace LinkKit.Flash
{
    /// <summary>
    /// <c>LinkKit.Flash provision …</c>: prepares one ESP32's provisioning folder and prints the nanoff commands that
    /// flash it. For a factory line, <c>provision-batch</c>, <c>assign</c>, <c>provision-board</c>, <c>done</c>,
    /// <c>status</c> and <c>export</c> work on a ledger of the console's identities (<see cref="BatchCommands"/>).
    /// Exit codes: 0 done; 2 bad input (nothing written); 1 an I/O or ledger failure; 3 no free identity (assign);
    /// 4 the read-back check failed (done).
    /// </summary>
    public static class Program
    {
        public const int ExitOk = 0;
        public const int ExitFailed = 1;
        public const int ExitUsage = 2;

        /// <summary>
        /// Test hook: <c>point</c> or <c>point#n</c> kills this process (SIGKILL, no clean-up) the n-th time it reaches
        /// that fault point (<see cref="Ledger.Fault"/>, <see cref="Provisioner.Provision"/>), as a power cut would.
        /// </summary>
        public const string CrashVariable = "LINKKIT_FLASH_CRASH_AT";

        public static string Usage => ProvisionOptions.Usage + "\n\n" + string.Join("\n\n", Array.ConvertAll(BatchCommands.Names, BatchCommands.UsageOf));

        public static int Main(string[] args)
        {
            return Run(args, Console.In, Console.Out, Console.Error, CrashSwitch(Environment.GetEnvironmentVariable(CrashVariable)));
        }

        /// <summary>The whole tool, with its standard streams passed in (tests run it in-process).</summary>
        public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
        {
            return Run(args, stdin, stdout, stderr, null);
        }

        /// <summary>The whole tool; <paramref name="fault"/> is called at each fault point (null: none).</summary>
        public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, Action<string> fault)
        {
            if (args.Length == 1 && (args[0] == "--help" || args[0] == "-h"))
            {
                stdout.WriteLine(Usage);
                return ExitOk;
            }

            string command = args.Length > 0 ? args[0] : null;
            string usage = command == null ? null : command == "provision" ? ProvisionOptions.Usage : BatchCommands.UsageOf(command);
            try
            {
                if (usage == null)
                    throw new UsageException(args.Length == 0 ? "missing command" : "unknown command '" + args[0] + "'");
                var rest = new ArraySegment<string>(args, 1, args.Length - 1);
                if (rest.Count == 1 && (rest[0] == "--help" || rest[0] == "-h"))
                {
                    stdout.WriteLine(usage);
                    return ExitOk;
                }

                if (command != "provision") return BatchCommands.Run(command, rest, stdin, stdout, stderr, fault);

                ProvisionOptions options = ProvisionOptions.Parse(rest);
                string secret = options.ReadDeviceSecret(stdin);
                string deployJson = Provisioner.Provision(options, secret, fault);

                stdout.WriteLine("provisioned " + options.ProductKey + "/" + options.DeviceName + " into " + Path.GetDirectoryName(deployJson));
                Provisioner.PrintFilesAndCommands(stdout, options, deployJson);
                return ExitOk;
            }
            catch (UsageException e)
            {
                stderr.WriteLine("error: " + e.Message);
                stderr.WriteLine(usage ?? Usage);
                return ExitUsage;
            }
            catch (BatchRefusedException e)
            {
                // Bad rows: every one named, no usage text (the arguments were fine).
                foreach (string error in e.Errors) stderr.WriteLine("error: " + error);
                stderr.WriteLine("refused the whole file: nothing was written");
                return ExitUsage;
            }
            catch (SqliteException e)
            {
                // Messages name tables and columns, never values (and the secret is a parameter, never SQL text).
                stderr.WriteLine("error: the ledger: " + e.Message);
                return ExitFailed;
            }
            catch (IOException e)
            {
                stderr.WriteLine("error: " + e.Message);
                return ExitFailed;
            }
            catch (UnauthorizedAccessException e)
            {
                stderr.WriteLine("error: " + e.Message);
                return ExitFailed;
            }
        }

        private static Action<string> CrashSwitch(string spec)
        {
            if (string.IsNullOrEmpty(spec)) return null;
            int hash = spec.IndexOf('#');
            string point = hash < 0 ? spec : spec.Substring(0, hash);
            int nth = hash < 0 ? 1 : int.Parse(spec.Substring(hash + 1), CultureInfo.InvariantCulture);
            int seen = 0;
            return reached =>
            {
                if (reached != point || ++seen != nth) return;
                Console.Out.Flush();
                Process.GetCurrentProcess().Kill();
            };
        }
    }
}
