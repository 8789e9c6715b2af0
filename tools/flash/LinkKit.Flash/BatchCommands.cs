using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LinkKit.Flash
{
    /// <summary>
    /// The factory-line commands around the <see cref="Ledger"/>: <c>provision-batch</c> (import the console's CSV),
    /// <c>assign</c>, <c>provision-board</c>, <c>done</c> (the per-board steps a station runs), <c>status</c> and
    /// <c>export</c>. No command takes a secret as an argument or prints one: <c>provision-board</c> reads it from the
    /// ledger and writes it only into the board's slot files.
    /// </summary>
    public static class BatchCommands
    {
        /// <summary><c>assign</c>: the board has no identity and the ledger has no free one.</summary>
        public const int ExitNoFreeIdentity = 3;

        /// <summary><c>done</c>: the board's boot log does not show the identity the ledger gave it; it keeps that identity.</summary>
        public const int ExitCheckFailed = 4;

        public const string ProvisionBatchUsage =
            "usage: LinkKit.Flash provision-batch --csv FILE --ledger LEDGER [--station NAME]\n" +
            "  Checks every row of the console's CSV export (ProductKey,DeviceName,DeviceSecret; header row, UTF-8 BOM,\n" +
            "  CRLF and quoted fields accepted) and adds the identities to the ledger (a SQLite file, created if missing).\n" +
            "  Any bad row refuses the whole file: exit 2, nothing written. Rows already in the ledger are skipped.";

        public const string AssignUsage =
            "usage: LinkKit.Flash assign --ledger LEDGER (--board-id ID | --boards FILE|-) [--station NAME]\n" +
            "  Gives the board (chip MAC or label) its identity: the one it already has, else the next free one.\n" +
            "  --boards takes board ids one per line (- for standard input), one transaction each.\n" +
            "  Exit 3 when no identity is free.";

        public const string ProvisionBoardUsage =
            "usage: LinkKit.Flash provision-board --ledger LEDGER --board-id ID --tsl tsl.json --out DIR\n" +
            "           [--settings settings.json] [--target ESP32_PSRAM_REV0] [--serialport /dev/ttyUSB0] [--image App.bin]\n" +
            "  Writes the board's folder as provision does, with the identity the ledger assigned to the board.";

        public const string DoneUsage =
            "usage: LinkKit.Flash done --ledger LEDGER --board-id ID --boot-log FILE [--station NAME]\n" +
            "  The read-back check: FILE is what the flashed board printed at boot; if its identity line names the\n" +
            "  board's identity, the identity is marked done. Exit 4 otherwise (the board keeps its identity).";

        public const string StatusUsage =
            "usage: LinkKit.Flash status --ledger LEDGER\n" +
            "  How many identities are free, assigned and done, and which boards were assigned but not finished.";

        public const string ExportUsage =
            "usage: LinkKit.Flash export --ledger LEDGER [--out FILE] [--all]\n" +
            "  What was shipped, as CSV without secrets: ProductKey,DeviceName,State,BoardId,Station,AssignedAt,DoneAt.\n" +
            "  Done identities only; --all adds the assigned, unfinished ones.";

        public static readonly string[] Names = { "provision-batch", "assign", "provision-board", "done", "status", "export" };

        public static string UsageOf(string command)
        {
            switch (command)
            {
                case "provision-batch": return ProvisionBatchUsage;
                case "assign": return AssignUsage;
                case "provision-board": return ProvisionBoardUsage;
                case "done": return DoneUsage;
                case "status": return StatusUsage;
                case "export": return ExportUsage;
                default: return null;
            }
        }

        public static int Run(string command, IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, Action<string> fault)
        {
            switch (command)
            {
                case "provision-batch": return ProvisionBatch(args, stdout, fault);
                case "assign": return Assign(args, stdin, stdout, stderr, fault);
                case "provision-board": return ProvisionBoard(args, stdout, fault);
                case "done": return MarkDone(args, stdout, stderr, fault);
                case "status": return Status(args, stdout);
                case "export": return Export(args, stdout);
                default: throw new ArgumentException("not a batch command: " + command);
            }
        }

        private static int ProvisionBatch(IReadOnlyList<string> args, TextWriter stdout, Action<string> fault)
        {
            CommandArgs a = CommandArgs.Parse(args, new[] { "--csv", "--ledger", "--station" }, new string[0]);
            string csv = a.Required("--csv");
            string ledgerPath = a.Required("--ledger");
            string station = Station(a);
            if (!File.Exists(csv)) throw new UsageException("--csv: no file " + csv);

            // The whole file is checked before the ledger is even opened: a bad file writes nothing.
            List<CsvIdentity> rows = IdentityCsv.Read(csv);
            Ledger ledger = Ledger.OpenOrCreate(ledgerPath);
            ledger.Fault = fault;
            int added = ledger.Import(csv, station, rows);
            LedgerCounts counts = ledger.Counts();
            stdout.WriteLine("imported " + added + " of " + rows.Count + " identities from " + csv + " into " + ledger.Path
                + " (" + (rows.Count - added) + " already there)");
            stdout.WriteLine(Describe(counts));
            return Program.ExitOk;
        }

        private static int Assign(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, Action<string> fault)
        {
            CommandArgs a = CommandArgs.Parse(args, new[] { "--ledger", "--board-id", "--boards", "--station" }, new string[0]);
            string ledgerPath = a.Required("--ledger");
            string one = a.Optional("--board-id"), list = a.Optional("--boards");
            if ((one == null) == (list == null)) throw new UsageException("give exactly one of --board-id ID and --boards FILE");
            string station = Station(a);

            IEnumerable<string> boards;
            if (one != null) boards = new[] { Board("--board-id", one) };
            else if (list == "-") boards = ReadBoards(stdin, "standard input");
            else
            {
                if (!File.Exists(list)) throw new UsageException("--boards: no file " + list);
                var all = new List<string>();
                using (var reader = new StreamReader(list)) all.AddRange(ReadBoards(reader, list));   // all checked before the first assignment
                boards = all;
            }

            Ledger ledger = Ledger.Open(ledgerPath);
            ledger.Fault = fault;
            foreach (string board in boards)
            {
                var result = ledger.Assign(board, station);
                if (result == null)
                {
                    stderr.WriteLine("error: no free identity left in the ledger for board " + board + " (" + Describe(ledger.Counts()) + "); import the next CSV");
                    return ExitNoFreeIdentity;
                }

                LedgerEntry e = result.Value.Entry;
                string how = result.Value.Outcome switch
                {
                    AssignOutcome.New => "new",
                    AssignOutcome.Resumed => "resumed: assigned by " + e.Station + " at " + e.AssignedAt + ", not done",
                    _ => "done already at " + e.DoneAt,
                };
                stdout.WriteLine("board " + board + " -> " + e + " (" + how + ")");
            }

            return Program.ExitOk;
        }

        private static int ProvisionBoard(IReadOnlyList<string> args, TextWriter stdout, Action<string> fault)
        {
            CommandArgs a = CommandArgs.Parse(args,
                new[] { "--ledger", "--board-id", "--tsl", "--out", "--settings", "--target", "--serialport", "--image" }, new string[0]);
            string ledgerPath = a.Required("--ledger");
            string board = Board("--board-id", a.Required("--board-id"));
            string tsl = a.Required("--tsl"), output = a.Required("--out");

            Ledger ledger = Ledger.Open(ledgerPath);
            LedgerEntry entry = ledger.Find(board, true);
            if (entry == null) throw new UsageException("board " + board + " has no identity in the ledger; run assign first");
            ProvisionOptions options = ProvisionOptions.ForBoard(entry.ProductKey, entry.DeviceName, tsl, output,
                a.Optional("--settings"), a.Optional("--target"), a.Optional("--serialport"), a.Optional("--image"));
            string deployJson = Provisioner.Provision(options, entry.DeviceSecret, fault);

            stdout.WriteLine("provisioned " + entry + " for board " + board + " (" + entry.State + ") into " + Path.GetDirectoryName(deployJson));
            Provisioner.PrintFilesAndCommands(stdout, options, deployJson);
            return Program.ExitOk;
        }

        private static int MarkDone(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Action<string> fault)
        {
            CommandArgs a = CommandArgs.Parse(args, new[] { "--ledger", "--board-id", "--boot-log", "--station" }, new string[0]);
            string ledgerPath = a.Required("--ledger");
            string board = Board("--board-id", a.Required("--board-id"));
            string log = a.Required("--boot-log");
            string station = Station(a);
            if (!File.Exists(log)) throw new UsageException("--boot-log: no file " + log);

            Ledger ledger = Ledger.Open(ledgerPath);
            ledger.Fault = fault;
            LedgerEntry entry = ledger.Find(board, false);
            if (entry == null) throw new UsageException("board " + board + " has no identity in the ledger; run assign first");

            string problem = BootLog.Problem(File.ReadAllBytes(log), entry.ProductKey, entry.DeviceName);
            if (problem != null)
            {
                ledger.RecordCheckFailure(board, entry.Id, station, problem);
                stderr.WriteLine("error: the boot log of board " + board + " " + problem + "; the board keeps " + entry + " in the ledger (" + entry.State + "): flash and check it again");
                return ExitCheckFailed;
            }

            if (ledger.MarkDone(board, entry.Id, station)) stdout.WriteLine("done: board " + board + " holds " + entry + " (read back from its boot log)");
            else stdout.WriteLine("done already: board " + board + " holds " + entry + " since " + entry.DoneAt);
            return Program.ExitOk;
        }

        private static int Status(IReadOnlyList<string> args, TextWriter stdout)
        {
            CommandArgs a = CommandArgs.Parse(args, new[] { "--ledger" }, new string[0]);
            Ledger ledger = Ledger.Open(a.Required("--ledger"));
            LedgerCounts counts = ledger.Counts();
            stdout.WriteLine("ledger " + ledger.Path + ": " + Describe(counts));
            var unfinished = ledger.Unfinished();
            if (unfinished.Count > 0)
            {
                stdout.WriteLine("assigned, not done (these boards get the same identity again; no other board gets it):");
                foreach (LedgerEntry e in unfinished) stdout.WriteLine("  board " + e.BoardId + " -> " + e + " (by " + e.Station + " at " + e.AssignedAt + ")");
            }

            return Program.ExitOk;
        }

        private static int Export(IReadOnlyList<string> args, TextWriter stdout)
        {
            CommandArgs a = CommandArgs.Parse(args, new[] { "--ledger", "--out" }, new[] { "--all" });
            Ledger ledger = Ledger.Open(a.Required("--ledger"));
            string output = a.Optional("--out");
            List<LedgerEntry> entries = ledger.Entries(a.Flag("--all"));

            var csv = new StringBuilder();
            csv.Append("ProductKey,DeviceName,State,BoardId,Station,AssignedAt,DoneAt\n");
            foreach (LedgerEntry e in entries)
            {
                csv.Append(CsvField(e.ProductKey)).Append(',').Append(CsvField(e.DeviceName)).Append(',').Append(e.State).Append(',')
                    .Append(CsvField(e.BoardId)).Append(',').Append(CsvField(e.Station)).Append(',').Append(e.AssignedAt).Append(',')
                    .Append(e.DoneAt ?? "").Append('\n');
            }

            if (output == null)
            {
                stdout.Write(csv.ToString());
                return Program.ExitOk;
            }

            // Written beside the target and moved over it: a reader never sees half a file.
            string full = Path.GetFullPath(output);
            string temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
            File.WriteAllText(temp, csv.ToString(), new UTF8Encoding(false));
            File.Move(temp, full, true);
            stdout.WriteLine("exported " + entries.Count + " boards to " + full);
            return Program.ExitOk;
        }

        private static string Describe(LedgerCounts c)
        {
            return c.Total + " identities: " + c.Free + " free, " + c.Assigned + " assigned, " + c.Done + " done";
        }

        private static string Station(CommandArgs a)
        {
            string station = a.Optional("--station") ?? Environment.MachineName;
            string problem = BoardId.NameProblem(station);
            if (problem != null) throw new UsageException("--station " + problem);
            return station;
        }

        private static string Board(string source, string raw)
        {
            string board = BoardId.Normalize(raw, out string problem);
            if (board == null) throw new UsageException(source + ": the board id " + problem);
            return board;
        }

        private static IEnumerable<string> ReadBoards(TextReader reader, string source)
        {
            int line = 0;
            string text;
            while ((text = reader.ReadLine()) != null)
            {
                line++;
                if (text.Trim().Length == 0) continue;
                yield return Board(source + " line " + line, text);
            }
        }

        private static string CsvField(string value)
        {
            if (value == null) return "";
            if (value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0) return value;
            return "\"" + value.Replace("\"", "\"\"") + "\"";
        }
    }
}
