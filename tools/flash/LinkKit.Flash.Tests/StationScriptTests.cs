using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace LinkKit.Flash.Tests
{
    /// <summary>
    /// station.sh: refuses to run under CI; otherwise its loop, with a fake nanoff (NANOFF) that copies the deployed
    /// files into a folder standing for the board, and a fake read-back (--check-cmd) that prints the identity found
    /// in that folder's slot file.
    /// </summary>
    public sealed class StationScriptTests : IDisposable
    {
        private const string FakeNanoff = @"#!/usr/bin/env bash
# fake nanoff: logs its arguments; --filedeployment copies the listed files onto 'the board' ($port.flash)
set -euo pipefail
port='' deploy=''
args=""$*""
while [ $# -gt 0 ]; do case ""$1"" in --serialport) port=""$2""; shift 2;; --filedeployment) deploy=""$2""; shift 2;; *) shift;; esac; done
echo ""nanoff $args"" >> ""$port.log""
if [ -n ""$deploy"" ]; then
  mkdir -p ""$port.flash""
  grep -o '""SourceFilePath"": ""[^""]*""' ""$deploy"" | sed 's/.*: ""\(.*\)""/\1/' | while read -r f; do cp ""$f"" ""$port.flash/""; done
fi
";

        // Prints the boot line for the identity in the board's slot A (the record's strings are plain UTF-8);
        // for the board named in $BAD_BOARD it shows another device name, as a board with a wrong identity would.
        private const string FakeCheck = @"#!/usr/bin/env bash
f=""$PORT.flash/linkkit_a.bin""
pk=$(grep -a -o 'a1FactoryPK' ""$f"" | head -n 1); dn=$(grep -a -o 'fab-[0-9]\{5\}' ""$f"" | head -n 1)
[ ""$BOARD_ID"" != ""${BAD_BOARD:-}"" ] || dn=fab-99999
echo ""I (1234) identity from the secret store: SecretRecord(DeviceSecret, productKey=$pk, deviceName=$dn, sequence=2)""
";

        private readonly string _work = Path.Combine(Path.GetTempPath(), "linkkit-script-" + Guid.NewGuid().ToString("N"));

        public StationScriptTests()
        {
            Directory.CreateDirectory(_work);
        }

        public void Dispose()
        {
            Directory.Delete(_work, true);
        }

        [Fact]
        public void Station_script_refuses_to_run_in_ci()
        {
            if (OperatingSystem.IsWindows()) return;
            var r = Bash(new[] { Script, "--ledger", "x.db", "--tsl", "t", "--image", "i", "--port", "p" }, new Dictionary<string, string> { ["CI"] = "true" });

            Assert.Equal(2, r.ExitCode);
            Assert.Equal("station.sh talks to real hardware; it does not run in CI\n", r.Stderr);
            Assert.Equal("", r.Stdout);
        }

        [Fact]
        public void Station_script_runs_board_after_board_and_a_failed_check_keeps_the_identity_for_the_next_try()
        {
            if (OperatingSystem.IsWindows()) return;
            var (csvText, rows) = Tool.Batch(5);
            string csv = Path.Combine(_work, "batch.csv");
            string ledger = Path.Combine(_work, "ledger.db");
            string port = Path.Combine(_work, "ttyFAKE");
            string image = Path.Combine(_work, "App.bin");
            string stationWork = Path.Combine(_work, "station");
            File.WriteAllText(csv, csvText);
            File.WriteAllText(image, "app");
            string nanoff = Executable("nanoff", FakeNanoff);
            string check = Executable("check", FakeCheck);
            string boardList = Path.Combine(_work, "boards.txt");
            File.WriteAllText(boardList, "24:0a:c4:00:00:01\n24:0a:c4:00:00:02\n24:0a:c4:00:00:03\n");
            string counter = Path.Combine(_work, "n");
            File.WriteAllText(counter, "0");
            string nextBoard = "n=$(cat '" + counter + "'); n=$((n+1)); echo $n > '" + counter + "'; sed -n \"${n}p\" '" + boardList + "'";
            Assert.Equal(0, Tool.Exec(new[] { "provision-batch", "--csv", csv, "--ledger", ledger }).ExitCode);

            string[] Args(params string[] extra) => new[] { Script, "--ledger", ledger, "--tsl", Tool.Sample("tsl.json"), "--image", image, "--port", port,
                "--check-cmd", check, "--station", "st-1", "--work", stationWork, "--skip-firmware" }.Concat(extra).ToArray();
            var environment = new Dictionary<string, string> { ["NANOFF"] = nanoff, ["LINKKIT_FLASH_DLL"] = Tool.Dll, ["BAD_BOARD"] = "24:0a:c4:00:00:02" };   // as the board-id command printed it

            var first = Bash(Args("--board-id-cmd", nextBoard), environment);

            Assert.Equal(1, first.ExitCode);
            Assert.Contains("board 24:0A:C4:00:00:01 -> a1FactoryPK/fab-00001 (new)\n", first.Stdout);
            Assert.Contains("done: board 24:0A:C4:00:00:01 holds a1FactoryPK/fab-00001 (read back from its boot log)\n", first.Stdout);
            Assert.Contains("board 24:0A:C4:00:00:02 -> a1FactoryPK/fab-00002 (new)\n", first.Stdout);
            Assert.Contains("error: the boot log of board 24:0A:C4:00:00:02 shows a1FactoryPK/fab-99999, but the ledger gave the board a1FactoryPK/fab-00002", first.Stderr);
            Assert.Contains("board 24:0a:c4:00:00:02 FAILED (exit 4); it keeps its identity: put it back on the station to run it again\n", first.Stderr);
            Assert.Contains("done: board 24:0A:C4:00:00:03 holds a1FactoryPK/fab-00003 (read back from its boot log)\n", first.Stdout);
            Assert.EndsWith("station st-1: 2 boards done, 1 failed: 24:0a:c4:00:00:02\n", first.Stdout);
            Assert.Empty(Directory.GetFileSystemEntries(stationWork));   // no folder with a secret left

            // The failed board again, its check passing now: the same identity, done.
            environment.Remove("BAD_BOARD");
            var again = Bash(Args("--board-id", "24:0a:c4:00:00:02"), environment);
            Assert.True(again.ExitCode == 0, again.All);
            Assert.Contains("board 24:0A:C4:00:00:02 -> a1FactoryPK/fab-00002 (resumed: assigned by st-1 at ", again.Stdout);
            Assert.EndsWith("station st-1: 1 boards done, 0 failed\n", again.Stdout);

            // --keep keeps the folder (it holds the secret in clear).
            var kept = Bash(Args("--board-id", "tray-7", "--keep"), environment);
            Assert.True(kept.ExitCode == 0, kept.All);
            Assert.True(File.Exists(Path.Combine(stationWork, "board-tray-7", "linkkit_a.bin")));

            // The fake nanoff ran steps 2 and 3 for each flash (firmware skipped); nothing secret on any output or export.
            string[] nanoffCalls = File.ReadAllLines(port + ".log");
            Assert.Equal(2 * 5, nanoffCalls.Length);
            Assert.All(nanoffCalls, c => Assert.StartsWith("nanoff --", c));
            Assert.Equal(new LedgerCounts(1, 0, 4), Ledger.Open(ledger).Counts());
            var export = Tool.Exec(new[] { "export", "--ledger", ledger });
            Assert.Equal(5, export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            var secrets = new HashSet<string>(rows.Select(r => r.Secret));
            Assert.Empty(FactoryLine.SecretsIn(first.All + again.All + kept.All + export.All + string.Join("\n", nanoffCalls), secrets));
        }

        private static string Script => Path.Combine(Tool.RepositoryRoot(), "tools", "flash", "station.sh");

        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        private string Executable(string name, string text)
        {
            string path = Path.Combine(_work, name);
            File.WriteAllText(path, text.Replace("\r\n", "\n"));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return path;
        }

        /// <summary>
        /// Runs bash with CI removed from the environment unless given: the script refuses CI, and here it talks to a
        /// fake nanoff and a folder, never to hardware (NANOFF names the fake, so no installed nanoff can run).
        /// </summary>
        private static Tool.Result Bash(string[] args, Dictionary<string, string> environment)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in args) start.ArgumentList.Add(a);
            start.Environment.Remove("CI");
            start.Environment.Remove(Program.CrashVariable);
            foreach (var e in environment) start.Environment[e.Key] = e.Value;
            using Process p = Process.Start(start);
            return Tool.Finish(p);
        }
    }
}
