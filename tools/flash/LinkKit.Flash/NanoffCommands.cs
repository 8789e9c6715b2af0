using System.Text;

namespace LinkKit.Flash
{
    /// <summary>The nanoff command lines that flash a provisioned board (docs/nanoframework.md, nanoff and deployment).</summary>
    public static class NanoffCommands
    {
        /// <summary>nanoff's target when none is given: the classic-ESP32 image that runs with or without PSRAM.</summary>
        public const string DefaultTarget = "ESP32_PSRAM_REV0";

        private const string PortPlaceholder = "<serial port>";
        private const string ImagePlaceholder = "<path to LinkKit.Esp32Sample.bin>";

        /// <summary>Step 1: firmware (the config partition is backed up and restored unless --masserase).</summary>
        public static string Firmware(string target, string port)
        {
            return "nanoff --update --target " + (target ?? DefaultTarget) + " --serialport " + Quote(port ?? PortPlaceholder);
        }

        /// <summary>Step 2: the identity, TSL and settings files onto I:\ (existing files are replaced).</summary>
        public static string Files(string port, string deployJson)
        {
            return "nanoff --serialport " + Quote(port ?? PortPlaceholder) + " --filedeployment " + Quote(deployJson);
        }

        /// <summary>Step 3: the application, at the deployment address the running device reports.</summary>
        public static string Application(string port, string image)
        {
            return "nanoff --nanodevice --deploy --serialport " + Quote(port ?? PortPlaceholder) + " --image " + Quote(image ?? ImagePlaceholder);
        }

        /// <summary>All three steps with the deployment-address caveat, as printed by the tool.</summary>
        public static string Describe(string target, string port, string deployJson, string image)
        {
            var s = new StringBuilder();
            s.Append("Flash with nanoff (dotnet tool install -g nanoff), or run tools/flash/flash-device.sh:\n");
            s.Append("  1. firmware:     ").Append(Firmware(target, port)).Append('\n');
            s.Append("  2. files on I:\\: ").Append(Files(port, deployJson)).Append('\n');
            s.Append("  3. application: ").Append(Application(port, image)).Append('\n');
            s.Append("Step 3 reads the deployment address from the device. With --target instead of --nanodevice, nanoff\n");
            s.Append("writes to its hard-coded 0x1B0000, right for ESP32-C3/S3 4 MB layouts but not for classic ESP32 4 MB\n");
            s.Append("images since the IDF 5.4 layout (deployment at 0x1E0000): then pass --address 0x1E0000.\n");
            s.Append("--masserase in step 1 also erases I:\\ (run step 2 after it); without it the files survive firmware updates.\n");
            return s.ToString();
        }

        private static string Quote(string value)
        {
            foreach (char c in value)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || "-_./:=@+,".IndexOf(c) >= 0)) return "'" + value.Replace("'", "'\\''") + "'";
            }

            return value;
        }
    }
}
