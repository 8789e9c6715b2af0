using System;
using System.IO;

namespace LinkKit.Flash
{
    /// <summary>
    /// <c>LinkKit.Flash provision …</c>: prepares one ESP32's provisioning folder and prints the nanoff commands that
    /// flash it. Exit codes: 0 done; 2 bad input (nothing written); 1 an I/O failure.
    /// </summary>
    public static class Program
    {
        public const int ExitOk = 0;
        public const int ExitFailed = 1;
        public const int ExitUsage = 2;

        public static int Main(string[] args)
        {
            return Run(args, Console.In, Console.Out, Console.Error);
        }

        /// <summary>The whole tool, with its standard streams passed in (tests run it in-process).</summary>
        public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
        {
            if (args.Length == 1 && (args[0] == "--help" || args[0] == "-h"))
            {
                stdout.WriteLine(ProvisionOptions.Usage);
                return ExitOk;
            }

            try
            {
                if (args.Length == 0 || args[0] != "provision")
                    throw new UsageException(args.Length == 0 ? "missing command" : "unknown command '" + args[0] + "'");
                ProvisionOptions options = ProvisionOptions.Parse(new ArraySegment<string>(args, 1, args.Length - 1));
                string secret = options.ReadDeviceSecret(stdin);
                string deployJson = Provisioner.Provision(options, secret);

                stdout.WriteLine("provisioned " + options.ProductKey + "/" + options.DeviceName + " into " + Path.GetDirectoryName(deployJson));
                foreach (var file in Provisioner.DeviceFiles(options.SettingsFile != null))
                    stdout.WriteLine("  " + file.Value + " -> " + file.Key);
                stdout.WriteLine();
                stdout.Write(NanoffCommands.Describe(options.Target, options.SerialPort, deployJson, options.Image));
                return ExitOk;
            }
            catch (UsageException e)
            {
                stderr.WriteLine("error: " + e.Message);
                stderr.WriteLine(ProvisionOptions.Usage);
                return ExitUsage;
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
    }
}
