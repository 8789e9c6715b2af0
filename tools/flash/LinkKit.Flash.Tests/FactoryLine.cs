using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using LinkKit.Nano;
using LinkKit.Nano.Storage;

namespace LinkKit.Flash.Tests
{
    /// <summary>A crash injected by a fault hook: thrown out of the tool as if the station had died there.</summary>
    internal sealed class SimulatedCrash : Exception
    {
        public SimulatedCrash(string point) : base("simulated crash at " + point)
        {
            Point = point;
        }

        public string Point { get; }
    }

    /// <summary>
    /// station.sh's loop against a real ledger file: each step runs the tool's own command, in-process
    /// (<see cref="Program.Run(string[], TextReader, TextWriter, TextWriter, Action{string})"/>, a crash is an
    /// exception thrown by the fault hook) or as a child process of the built tool (a crash is the process killing
    /// itself with SIGKILL at the fault point, <see cref="Program.CrashVariable"/>). The "board" is a folder standing
    /// for its I:\ drive: flashing copies what deploy.json lists; the read-back loads the board's slots through the
    /// SDK's SecretStore and prints the line the firmware prints at boot.
    /// </summary>
    internal sealed class FactoryLine
    {
        /// <summary>Every point a station can die at, in the order a board passes them.</summary>
        public static readonly string[] CrashPoints =
        {
            "assign.before-commit", "assign.after-commit", "provision.staged", "provision.moving",
            "flash.partial", "flash.done", "done.before-commit", "done.after-commit", "cleanup.before",
        };

        private readonly string _ledger;
        private readonly string _work;
        private readonly string _boards;
        private readonly string _station;

        private readonly bool _processes;

        public FactoryLine(string root, string ledger, string station, bool processes = false)
        {
            _processes = processes;
            _ledger = ledger;
            _station = station;
            _work = Path.Combine(root, "work-" + station);
            _boards = Path.Combine(root, "boards");
            Directory.CreateDirectory(_work);
            Directory.CreateDirectory(_boards);
        }

        /// <summary>Everything the tool printed (stdout and stderr), to look for secrets in.</summary>
        public StringBuilder Printed { get; } = new StringBuilder();

        public string Work => _work;

        /// <summary>A station (re)started: board folders left by a crash are deleted, as station.sh does at start.</summary>
        public void Restart()
        {
            foreach (string dir in Directory.GetDirectories(_work, "board-*")) Directory.Delete(dir, true);
        }

        /// <summary>One board through the whole loop; throws <see cref="SimulatedCrash"/> at <paramref name="crashAt"/>. Returns the assign exit code.</summary>
        public int Board(string board, string crashAt)
        {
            void Fault(string point)
            {
                if (point == crashAt) throw new SimulatedCrash(point);
            }

            string dir = Path.Combine(_work, "board-" + board.Replace(':', '_'));
            if (Directory.Exists(dir)) Directory.Delete(dir, true);

            Tool.Result assign = Step(Fault, crashAt, "assign", "--ledger", _ledger, "--board-id", board, "--station", _station);
            if (assign.ExitCode != 0) return assign.ExitCode;
            Expect(0, Step(Fault, crashAt, "provision-board", "--ledger", _ledger, "--board-id", board, "--tsl", Tool.Sample("tsl.json"), "--out", dir, "--serialport", "/dev/ttyFAKE"));

            Flash(dir, board, Fault);
            Fault("flash.done");

            string log = Path.Combine(dir, "boot.log");
            File.WriteAllText(log, "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\n" + ReadBack(board) + "\n");
            Expect(0, Step(Fault, crashAt, "done", "--ledger", _ledger, "--board-id", board, "--boot-log", log, "--station", _station));

            Fault("cleanup.before");
            Directory.Delete(dir, true);
            return 0;
        }

        /// <summary>What the board prints at boot: the identity its I:\ slots load as (or that they do not load).</summary>
        public string ReadBack(string board)
        {
            var record = new SecretRecord();
            int rc = Load(board, record);
            return rc == ErrorCode.Ok ? "identity from the secret store: " + record.ToString() : "secret store: " + ErrorCode.GetName(rc);
        }

        /// <summary>The identity on the board's I:\ (null if none loads), secret included: what the board would connect with.</summary>
        public SecretRecord OnBoard(string board)
        {
            var record = new SecretRecord();
            return Load(board, record) == ErrorCode.Ok ? record : null;
        }

        /// <summary>Loads the board's I:\ slots through the SDK's secret store, as the board does at boot.</summary>
        private int Load(string board, SecretRecord record)
        {
            string flash = BoardFlash(board);
            return new SecretStore(new FileSecretSlots(Path.Combine(flash, "linkkit_a.bin"), Path.Combine(flash, "linkkit_b.bin"))).Load(record);
        }

        public string BoardFlash(string board)
        {
            return Path.Combine(_boards, board.Replace(':', '_'));
        }

        /// <summary>nanoff --filedeployment: each file deploy.json lists onto the board; a crash after the first leaves a partial set.</summary>
        private void Flash(string dir, string board, Action<string> fault)
        {
            string flash = BoardFlash(board);
            Directory.CreateDirectory(flash);
            using JsonDocument deploy = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, Provisioner.DeployFileName)));
            bool first = true;
            foreach (JsonElement file in deploy.RootElement.GetProperty("Files").EnumerateArray())
            {
                string destination = file.GetProperty("DestinationFilePath").GetString();
                File.Copy(file.GetProperty("SourceFilePath").GetString(), Path.Combine(flash, destination.Substring(destination.LastIndexOf('\\') + 1)), true);
                if (first) fault("flash.partial");
                first = false;
            }
        }

        private Tool.Result Step(Action<string> fault, string crashAt, params string[] args)
        {
            if (_processes)
            {
                var environment = crashAt == null ? null : new Dictionary<string, string> { [Program.CrashVariable] = crashAt };
                Tool.Result p = Tool.Exec(args, "", environment);
                Printed.Append(p.Stdout).Append(p.Stderr);
                if (Tool.WasKilled(p.ExitCode)) throw new SimulatedCrash(crashAt);
                return p;
            }

            Tool.Result r;
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            try
            {
                int code = Program.Run(args, new StringReader(""), stdout, stderr, fault);
                r = new Tool.Result(code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Printed.Append(stdout).Append(stderr);
            }

            return r;
        }

        private static void Expect(int code, Tool.Result r)
        {
            if (r.ExitCode != code) throw new InvalidOperationException("exit " + r.ExitCode + ", expected " + code + ": " + r.All);
        }

        /// <summary>The secrets of <paramref name="secrets"/> found in <paramref name="text"/>: every 32-character window of every hex run is looked up.</summary>
        public static List<string> SecretsIn(string text, HashSet<string> secrets)
        {
            var found = new List<string>();
            int i = 0;
            while (i < text.Length)
            {
                if (!Uri.IsHexDigit(text[i]))
                {
                    i++;
                    continue;
                }

                int start = i;
                while (i < text.Length && Uri.IsHexDigit(text[i])) i++;
                for (int w = start; w + 32 <= i; w++)
                {
                    string window = text.Substring(w, 32);
                    if (secrets.Contains(window) || secrets.Contains(window.ToLowerInvariant())) found.Add(window);
                }
            }

            return found;
        }
    }
}
