using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LinkKit.Nano;
using LinkKit.Nano.Storage;
using Xunit;

namespace LinkKit.Flash.Tests
{
    public sealed class ProvisionTests : IDisposable
    {
        private const string ProductKey = "a1SampleKey";
        private const string DeviceName = "dev-0001";
        private const string Secret = "9f3c1e7a5b2d4c6e8f0a1b3c5d7e9f1a";

        private readonly string _work = Path.Combine(Path.GetTempPath(), "linkkit-flash-" + Guid.NewGuid().ToString("N"));
        private readonly string _out;

        public ProvisionTests()
        {
            Directory.CreateDirectory(_work);
            _out = Path.Combine(_work, "out");
        }

        public void Dispose()
        {
            Directory.Delete(_work, true);
        }

        [Fact]
        public void Slot_files_load_back_through_the_secret_store_with_the_exact_identity()
        {
            Tool.Result r = Run(Secret + "\n", Args());

            Assert.Equal(0, r.ExitCode);
            var loaded = new SecretRecord();
            var store = new SecretStore(new FileSecretSlots(Path.Combine(_out, "linkkit_a.bin"), Path.Combine(_out, "linkkit_b.bin")));
            Assert.Equal(ErrorCode.Ok, store.Load(loaded));
            Assert.Equal(SecretKind.DeviceSecret, loaded.Kind);
            Assert.Equal(ProductKey, loaded.ProductKey);
            Assert.Equal(DeviceName, loaded.DeviceName);
            Assert.Equal(Secret, loaded.DeviceSecret);
            Assert.Equal(2u, loaded.Sequence);
        }

        [Fact]
        public void Both_slots_hold_a_valid_record_so_deploying_them_replaces_any_stale_one()
        {
            Assert.Equal(0, Run(Secret, Args()).ExitCode);

            uint[] sequences = new uint[2];
            string[] names = { "linkkit_a.bin", "linkkit_b.bin" };
            for (int i = 0; i < 2; i++)
            {
                byte[] bytes = File.ReadAllBytes(Path.Combine(_out, names[i]));
                Assert.Equal(bytes.Length, SecretRecordFormat.Validate(bytes, 0, bytes.Length, out sequences[i]));
                var record = new SecretRecord();
                Assert.Equal(ErrorCode.Ok, SecretRecordFormat.Decode(bytes, 0, bytes.Length, record));
                Assert.Equal(Secret, record.DeviceSecret);
            }

            Assert.Equal(new uint[] { 1, 2 }, sequences);
        }

        [Fact]
        public void Secret_from_a_file_is_read_without_its_line_break()
        {
            string secretFile = Path.Combine(_work, "secret.txt");
            File.WriteAllText(secretFile, Secret + "\r\n");
            Tool.Result r = Run("", Args(secretFromStdin: false).Concat(new[] { "--device-secret-file", secretFile }).ToArray());

            Assert.Equal(0, r.ExitCode);
            var loaded = new SecretRecord();
            new SecretStore(new FileSecretSlots(Path.Combine(_out, "linkkit_a.bin"), Path.Combine(_out, "linkkit_b.bin"))).Load(loaded);
            Assert.Equal(Secret, loaded.DeviceSecret);
        }

        [Fact]
        public void Deployment_json_is_exact()
        {
            Assert.Equal(0, Run(Secret, ArgsWith("--settings", Tool.Sample("settings.example.json"), "--serialport", "/dev/ttyUSB0")).ExitCode);

            string o = Path.GetFullPath(_out);
            string expected =
                "{\n" +
                "  \"SerialPort\": \"/dev/ttyUSB0\",\n" +
                "  \"Files\": [\n" +
                "    {\n" +
                "      \"DestinationFilePath\": \"I:\\\\linkkit_a.bin\",\n" +
                "      \"SourceFilePath\": \"" + o + "/linkkit_a.bin\"\n" +
                "    },\n" +
                "    {\n" +
                "      \"DestinationFilePath\": \"I:\\\\linkkit_b.bin\",\n" +
                "      \"SourceFilePath\": \"" + o + "/linkkit_b.bin\"\n" +
                "    },\n" +
                "    {\n" +
                "      \"DestinationFilePath\": \"I:\\\\tsl.json\",\n" +
                "      \"SourceFilePath\": \"" + o + "/tsl.json\"\n" +
                "    },\n" +
                "    {\n" +
                "      \"DestinationFilePath\": \"I:\\\\settings.json\",\n" +
                "      \"SourceFilePath\": \"" + o + "/settings.json\"\n" +
                "    }\n" +
                "  ]\n" +
                "}\n";
            Assert.Equal(expected, File.ReadAllText(Path.Combine(_out, "deploy.json")));
            Assert.Equal(File.ReadAllBytes(Tool.Sample("tsl.json")), File.ReadAllBytes(Path.Combine(_out, "tsl.json")));
            Assert.Equal(File.ReadAllBytes(Tool.Sample("settings.example.json")), File.ReadAllBytes(Path.Combine(_out, "settings.json")));
        }

        [Fact]
        public void Deployment_json_without_port_or_settings_lists_the_three_files_only()
        {
            Assert.Equal(0, Run(Secret, Args()).ExitCode);

            string json = File.ReadAllText(Path.Combine(_out, "deploy.json"));
            Assert.DoesNotContain("SerialPort", json);
            Assert.Equal(3, json.Split("DestinationFilePath").Length - 1);
            Assert.Equal(new[] { "deploy.json", "linkkit_a.bin", "linkkit_b.bin", "tsl.json" },
                Directory.GetFileSystemEntries(_out).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray());
        }

        [Fact]
        public void Output_names_the_files_and_prints_the_nanoff_commands()
        {
            Tool.Result r = Run(Secret, ArgsWith("--target", "ESP32_C3", "--serialport", "/dev/ttyACM0", "--image", "/fw/App.bin"));

            string deploy = Path.Combine(Path.GetFullPath(_out), "deploy.json");
            Assert.Contains("provisioned a1SampleKey/dev-0001 into " + Path.GetFullPath(_out) + "\n", r.Stdout);
            Assert.Contains("  linkkit_a.bin -> I:\\linkkit_a.bin\n", r.Stdout);
            Assert.Contains("nanoff --update --target ESP32_C3 --serialport /dev/ttyACM0\n", r.Stdout);
            Assert.Contains("nanoff --serialport /dev/ttyACM0 --filedeployment " + deploy + "\n", r.Stdout);
            Assert.Contains("nanoff --nanodevice --deploy --serialport /dev/ttyACM0 --image /fw/App.bin\n", r.Stdout);
            Assert.Contains("0x1E0000", r.Stdout);
            Assert.Contains("0x1B0000", r.Stdout);
            Assert.Equal("", r.Stderr);
        }

        [Fact]
        public void The_secret_never_appears_in_the_output()
        {
            Tool.Result ok = Run(Secret, ArgsWith("--serialport", "/dev/ttyUSB0"));
            Assert.Equal(0, ok.ExitCode);
            Assert.DoesNotContain(Secret, ok.Stdout + ok.Stderr);

            // A failure after the secret was read (an invalid TSL) and a malformed secret report without it.
            string badTsl = Path.Combine(_work, "bad-tsl.json");
            File.WriteAllText(badTsl, "{\"properties\": [");
            Tool.Result failed = Run(Secret, new[] { "provision", "--product-key", ProductKey, "--device-name", DeviceName,
                "--device-secret-stdin", "--tsl", badTsl, "--out", Path.Combine(_work, "other") });
            Assert.Equal(2, failed.ExitCode);
            Assert.DoesNotContain(Secret, failed.Stdout + failed.Stderr);

            string spaced = "secret with spaces " + Secret;
            Tool.Result malformed = Run(spaced, Args(outDir: Path.Combine(_work, "third")));
            Assert.Equal(2, malformed.ExitCode);
            Assert.DoesNotContain(Secret, malformed.Stdout + malformed.Stderr);
        }

        // Argument lists with {tsl} and {out} standing for the sample TSL and the test's output folder.
        private static readonly string[] Valid = { "provision", "--product-key", ProductKey, "--device-name", DeviceName,
            "--tsl", "{tsl}", "--out", "{out}", "--device-secret-stdin" };

        public static IEnumerable<object[]> BadInputs()
        {
            yield return new object[] { Secret, "missing command", new string[0] };
            yield return new object[] { Secret, "unknown command 'flash'", new[] { "flash" } };
            yield return new object[] { Secret, "unknown argument '--colour'", Valid.Concat(new[] { "--colour", "red" }).ToArray() };
            yield return new object[] { Secret, "--out is given twice", Valid.Concat(new[] { "--out", "{out}" }).ToArray() };
            yield return new object[] { Secret, "--tsl needs a value", new[] { "provision", "--device-secret-stdin", "--tsl" } };
            yield return new object[] { Secret, "missing --product-key", Without("--product-key") };
            yield return new object[] { Secret, "missing --device-name", Without("--device-name") };
            yield return new object[] { Secret, "missing --tsl", Without("--tsl") };
            yield return new object[] { Secret, "missing --out", Without("--out") };
            yield return new object[] { Secret, "give exactly one of --device-secret-file FILE and --device-secret-stdin", Without("--device-secret-stdin") };
            yield return new object[] { Secret, "give exactly one of --device-secret-file FILE and --device-secret-stdin",
                Valid.Concat(new[] { "--device-secret-file", "{tsl}" }).ToArray() };
            yield return new object[] { Secret, "--product-key must be 1-64 characters", With("--product-key", new string('a', 65)) };
            yield return new object[] { Secret, "--product-key may hold only letters and digits", With("--product-key", "a1/bad") };
            yield return new object[] { Secret, "--device-name must be 4-32 characters", With("--device-name", "abc") };
            yield return new object[] { Secret, "--device-name must be 4-32 characters", With("--device-name", new string('d', 33)) };
            yield return new object[] { Secret, "--device-name may hold only letters, digits and - _ . @ :", With("--device-name", "dev 0001") };
            yield return new object[] { Secret, "--tsl: no file ", With("--tsl", "/nonexistent/tsl.json") };
            yield return new object[] { "", "the device secret on standard input is empty", Valid };
            yield return new object[] { " \n", "the device secret on standard input is empty", Valid };
            yield return new object[] { new string('f', 129), "the device secret on standard input is longer than 128 characters", Valid };
            yield return new object[] { "ab\u00e9cd", "the device secret on standard input must be one line of printable ASCII without spaces", Valid };
        }

        private static string[] Without(string option)
        {
            var args = new List<string>(Valid);
            int at = args.IndexOf(option);
            args.RemoveRange(at, option == "--device-secret-stdin" ? 1 : 2);
            return args.ToArray();
        }

        private static string[] With(string option, string value)
        {
            string[] args = (string[])Valid.Clone();
            args[Array.IndexOf(args, option) + 1] = value;
            return args;
        }

        [Theory]
        [MemberData(nameof(BadInputs))]
        public void Bad_input_exits_2_with_a_clear_error_and_writes_nothing(string stdin, string message, string[] args)
        {
            Tool.Result r = Run(stdin, args);

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("error: " + message, r.Stderr.Split('\n')[0]);
            Assert.Contains("usage: LinkKit.Flash provision", r.Stderr);
            Assert.Equal("", r.Stdout);
            Assert.False(Directory.Exists(_out) && Directory.EnumerateFileSystemEntries(_out).Any(), "the output folder must stay empty");
        }

        [Fact]
        public void A_secret_on_the_command_line_is_refused()
        {
            Tool.Result r = Run("", new[] { "provision", "--product-key", ProductKey, "--device-name", DeviceName,
                "--device-secret", Secret, "--tsl", Tool.Sample("tsl.json"), "--out", _out });

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("shell history", r.Stderr);
            Assert.DoesNotContain(Secret, r.Stderr);
            Assert.False(Directory.Exists(_out));
        }

        [Fact]
        public void Invalid_tsl_or_settings_are_refused_before_anything_is_written()
        {
            string badSettings = Path.Combine(_work, "settings.json");
            File.WriteAllText(badSettings, "{\"ledPin\": 99}");
            Tool.Result r = Run(Secret, ArgsWith("--settings", badSettings));

            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith("error: --settings: ", r.Stderr);
            Assert.False(Directory.Exists(_out));

            string badTsl = Path.Combine(_work, "tsl.json");
            File.WriteAllText(badTsl, "not json");
            r = Run(Secret, new[] { "provision", "--product-key", ProductKey, "--device-name", DeviceName,
                "--device-secret-stdin", "--tsl", badTsl, "--out", _out });
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith("error: --tsl: ", r.Stderr);
            Assert.False(Directory.Exists(_out));
        }

        [Fact]
        public void An_already_provisioned_folder_is_refused_and_left_untouched()
        {
            Directory.CreateDirectory(_out);
            File.WriteAllText(Path.Combine(_out, "linkkit_b.bin"), "previous device");

            Tool.Result r = Run(Secret, Args());

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("already holds linkkit_b.bin; use an empty folder per device", r.Stderr);
            Assert.Equal(new[] { "linkkit_b.bin" }, Directory.GetFileSystemEntries(_out).Select(Path.GetFileName).ToArray());
            Assert.Equal("previous device", File.ReadAllText(Path.Combine(_out, "linkkit_b.bin")));
        }

        [Fact]
        public void The_built_tool_reads_the_secret_from_standard_input_and_keeps_it_out_of_its_output()
        {
            string dll = typeof(Program).Assembly.Location;
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            foreach (string a in Args()) start.ArgumentList.Add(a);

            using Process p = Process.Start(start);
            p.StandardInput.WriteLine(Secret);
            p.StandardInput.Close();
            string stdout = p.StandardOutput.ReadToEnd();
            string stderr = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60000), "the tool did not exit");

            Assert.Equal(0, p.ExitCode);
            Assert.DoesNotContain(Secret, stdout + stderr);
            Assert.True(File.Exists(Path.Combine(_out, "deploy.json")));
        }

        [Fact]
        public void Flash_script_refuses_to_run_in_ci()
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(Tool.RepositoryRoot(), "tools", "flash", "flash-device.sh"));
            start.Environment["CI"] = "true";
            using Process p = Process.Start(start);
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();

            Assert.Equal(2, p.ExitCode);
            Assert.Contains("does not run in CI", stderr);
        }

        private string[] ArgsWith(params string[] extra)
        {
            return Args(true, null).Concat(extra).ToArray();
        }

        private string[] Args(bool secretFromStdin = true, string outDir = null)
        {
            var args = new List<string> { "provision", "--product-key", ProductKey, "--device-name", DeviceName,
                "--tsl", Tool.Sample("tsl.json"), "--out", outDir ?? _out };
            if (secretFromStdin) args.Add("--device-secret-stdin");
            return args.ToArray();
        }

        private Tool.Result Run(string stdin, string[] args)
        {
            return Tool.Run(stdin, null, args.Select(x => x.Replace("{tsl}", Tool.Sample("tsl.json")).Replace("{out}", _out)).ToArray());
        }
    }
}
