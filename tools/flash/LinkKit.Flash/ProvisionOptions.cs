using System;
using System.Collections.Generic;
using System.IO;

namespace LinkKit.Flash
{
    /// <summary>Bad command-line input: reported with exit code 2 before anything is written.</summary>
    public sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message) { }
    }

    /// <summary>The <c>provision</c> command's arguments, parsed and checked (the secret is read separately).</summary>
    public sealed class ProvisionOptions
    {
        public string ProductKey { get; private set; }
        public string DeviceName { get; private set; }
        /// <summary>The file holding the device secret, or null to read it from standard input.</summary>
        public string DeviceSecretFile { get; private set; }
        public string TslFile { get; private set; }
        public string SettingsFile { get; private set; }
        public string OutputDirectory { get; private set; }
        public string Target { get; private set; }
        public string SerialPort { get; private set; }
        public string Image { get; private set; }

        public const string Usage =
            "usage: LinkKit.Flash provision --product-key PK --device-name DN\n" +
            "           (--device-secret-file FILE | --device-secret-stdin)\n" +
            "           --tsl tsl.json --out DIR [--settings settings.json]\n" +
            "           [--target ESP32_PSRAM_REV0] [--serialport /dev/ttyUSB0] [--image App.bin]\n" +
            "  Writes DIR/linkkit_a.bin and DIR/linkkit_b.bin (the device identity in the SDK's secret-store format),\n" +
            "  DIR/tsl.json, DIR/settings.json and DIR/deploy.json (nanoff --filedeployment), and prints the nanoff\n" +
            "  commands. The secret is never printed; read it from a file or standard input, not the command line.";

        /// <summary>Parses the arguments after <c>provision</c>.</summary>
        /// <exception cref="UsageException">Anything missing, unknown, repeated or invalid.</exception>
        public static ProvisionOptions Parse(IReadOnlyList<string> args)
        {
            foreach (string name in args)
            {
                if (name == "--device-secret")
                    throw new UsageException("--device-secret is not accepted: a secret on the command line ends up in shell history; use --device-secret-file or --device-secret-stdin");
            }

            CommandArgs a = CommandArgs.Parse(args,
                new[] { "--product-key", "--device-name", "--device-secret-file", "--tsl", "--settings", "--out", "--target", "--serialport", "--image" },
                new[] { "--device-secret-stdin" });

            var o = new ProvisionOptions
            {
                ProductKey = a.Required("--product-key"),
                DeviceName = a.Required("--device-name"),
                TslFile = a.Required("--tsl"),
                OutputDirectory = a.Required("--out"),
                DeviceSecretFile = a.Optional("--device-secret-file"),
                SettingsFile = a.Optional("--settings"),
                Target = a.Optional("--target"),
                SerialPort = a.Optional("--serialport"),
                Image = a.Optional("--image"),
            };

            if (a.Flag("--device-secret-stdin") == (o.DeviceSecretFile != null))
                throw new UsageException("give exactly one of --device-secret-file FILE and --device-secret-stdin");
            CheckProductKey(o.ProductKey);
            CheckDeviceName(o.DeviceName);
            o.CheckFiles();
            if (o.DeviceSecretFile != null && !File.Exists(o.DeviceSecretFile)) throw new UsageException("--device-secret-file: no file " + o.DeviceSecretFile);
            return o;
        }

        /// <summary>
        /// The options of <c>provision-board</c>: the identity comes from the ledger (checked when it was imported),
        /// the rest from that command's arguments, checked as <see cref="Parse"/> checks them.
        /// </summary>
        public static ProvisionOptions ForBoard(string productKey, string deviceName, string tslFile, string outputDirectory,
            string settingsFile, string target, string serialPort, string image)
        {
            var o = new ProvisionOptions
            {
                ProductKey = productKey,
                DeviceName = deviceName,
                TslFile = tslFile,
                OutputDirectory = outputDirectory,
                SettingsFile = settingsFile,
                Target = target,
                SerialPort = serialPort,
                Image = image,
            };
            o.CheckFiles();
            return o;
        }

        private void CheckFiles()
        {
            if (Target != null && !IsToken(Target)) throw new UsageException("--target must be a nanoff target name such as ESP32_PSRAM_REV0");
            if (!File.Exists(TslFile)) throw new UsageException("--tsl: no file " + TslFile);
            if (SettingsFile != null && !File.Exists(SettingsFile)) throw new UsageException("--settings: no file " + SettingsFile);
        }

        /// <summary>Reads the secret (one line; surrounding whitespace and the line break are dropped) and checks it.</summary>
        /// <exception cref="UsageException">Empty, over-long or not printable ASCII. The message never holds the secret.</exception>
        public string ReadDeviceSecret(TextReader stdin)
        {
            string raw = DeviceSecretFile != null ? File.ReadAllText(DeviceSecretFile) : stdin.ReadToEnd();
            string secret = raw.Trim();
            string source = DeviceSecretFile != null ? "the device secret file" : "the device secret on standard input";
            string problem = IdentityRules.DeviceSecretProblem(secret);
            if (problem != null) throw new UsageException(source + " " + problem);
            return secret;
        }

        private static void CheckProductKey(string pk)
        {
            string problem = IdentityRules.ProductKeyProblem(pk);
            if (problem != null) throw new UsageException("--product-key " + problem);
        }

        private static void CheckDeviceName(string dn)
        {
            string problem = IdentityRules.DeviceNameProblem(dn);
            if (problem != null) throw new UsageException("--device-name " + problem);
        }

        private static bool IsToken(string s)
        {
            if (s.Length == 0 || s.Length > 64) return false;
            foreach (char c in s)
            {
                if (!IdentityRules.IsAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-') return false;
            }

            return true;
        }
    }
}
