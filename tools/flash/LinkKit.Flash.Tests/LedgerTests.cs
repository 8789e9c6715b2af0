using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LinkKit.Flash.Tests
{
    /// <summary>The ledger's rules, one at a time, on real SQLite files.</summary>
    public sealed class LedgerTests : IDisposable
    {
        private readonly string _work = Path.Combine(Path.GetTempPath(), "linkkit-ledger-" + Guid.NewGuid().ToString("N"));
        private readonly string _path;
        private readonly Ledger _ledger;

        public LedgerTests()
        {
            Directory.CreateDirectory(_work);
            _path = Path.Combine(_work, "ledger.db");
            _ledger = Ledger.OpenOrCreate(_path);
            _ledger.Import("batch.csv", "st-1", IdentityCsv.Parse(System.Text.Encoding.ASCII.GetBytes(Tool.Batch(5).Csv), "batch.csv"));
        }

        public void Dispose()
        {
            Directory.Delete(_work, true);
        }

        [Fact]
        public void Identities_go_out_in_import_order_and_a_board_gets_its_own_again()
        {
            var first = _ledger.Assign("BOARD-1", "st-1").Value;
            var second = _ledger.Assign("BOARD-2", "st-1").Value;
            var again = _ledger.Assign("BOARD-1", "st-2").Value;

            Assert.Equal(("a1FactoryPK/fab-00001", AssignOutcome.New), (first.Entry.ToString(), first.Outcome));
            Assert.Equal(("a1FactoryPK/fab-00002", AssignOutcome.New), (second.Entry.ToString(), second.Outcome));
            Assert.Equal(("a1FactoryPK/fab-00001", AssignOutcome.Resumed), (again.Entry.ToString(), again.Outcome));
            Assert.Equal("st-1", again.Entry.Station);
            Assert.Null(again.Entry.DeviceSecret);

            Assert.True(_ledger.MarkDone("BOARD-1", first.Entry.Id, "st-1"));
            Assert.False(_ledger.MarkDone("BOARD-1", first.Entry.Id, "st-1"));
            var done = _ledger.Assign("BOARD-1", "st-1").Value;
            Assert.Equal((first.Entry.Id, AssignOutcome.AlreadyDone), (done.Entry.Id, done.Outcome));
            Assert.Equal(new LedgerCounts(3, 1, 1), _ledger.Counts());
        }

        [Fact]
        public void A_board_that_never_comes_back_keeps_its_identity_and_the_next_board_gets_the_next()
        {
            var lost = _ledger.Assign("LOST", "st-1").Value.Entry;
            var next = _ledger.Assign("NEXT", "st-1").Value.Entry;
            for (int i = 0; i < 3; i++) _ledger.Assign("OTHER-" + i, "st-1");

            Assert.Equal("fab-00001", lost.DeviceName);
            Assert.Equal("fab-00002", next.DeviceName);
            Assert.Null(_ledger.Assign("ONE-TOO-MANY", "st-1"));
            Assert.Null(_ledger.Find("ONE-TOO-MANY", false));
            Assert.Equal(lost.Id, _ledger.Assign("LOST", "st-2").Value.Entry.Id);

            Tool.Result status = Tool.Run("status", "--ledger", _path);
            Assert.Equal("ledger " + _path + ": 5 identities: 0 free, 5 assigned, 0 done\n", status.Stdout.Split('\n')[0] + "\n");
            Assert.Contains("  board LOST -> a1FactoryPK/fab-00001 (by st-1 at " + lost.AssignedAt + ")\n", status.Stdout);

            Tool.Result none = Tool.Run("assign", "--ledger", _path, "--board-id", "one-too-many");
            Assert.Equal(3, none.ExitCode);
            Assert.Equal("error: no free identity left in the ledger for board ONE-TOO-MANY (5 identities: 0 free, 5 assigned, 0 done); import the next CSV\n", none.Stderr);
        }

        [Fact]
        public void The_schema_refuses_a_second_board_a_changed_identity_and_any_step_back()
        {
            var a = _ledger.Assign("BOARD-A", "st-1").Value.Entry;
            _ledger.Assign("BOARD-B", "st-1");
            _ledger.MarkDone("BOARD-B", _ledger.Find("BOARD-B", false).Id, "st-1");

            using var c = new SqliteConnection("Data Source=" + _path + ";Pooling=False");
            c.Open();
            string Refused(string sql)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                return Assert.Throws<SqliteException>(() => cmd.ExecuteNonQuery()).Message;
            }

            Assert.Contains("an assigned identity keeps its board", Refused("UPDATE identities SET board_id = 'BOARD-C' WHERE board_id = 'BOARD-A'"));
            Assert.Contains("UNIQUE constraint failed: identities.board_id", Refused("UPDATE identities SET state = 'assigned', board_id = 'BOARD-A', assigned_at = 'x' WHERE state = 'free'"));
            Assert.Contains("an identity goes free -> assigned -> done only", Refused("UPDATE identities SET state = 'assigned', done_at = NULL WHERE board_id = 'BOARD-B'"));
            Assert.Contains("an identity goes free -> assigned -> done only", Refused("UPDATE identities SET state = 'free', board_id = NULL, station = NULL, assigned_at = NULL WHERE board_id = 'BOARD-A'"));
            Assert.Contains("an identity goes free -> assigned -> done only", Refused("UPDATE identities SET state = 'done', done_at = 'x', board_id = 'BOARD-Z', assigned_at = 'x' WHERE id = 5"));
            Assert.Contains("an identity never changes once imported", Refused("UPDATE identities SET device_secret = 'x' WHERE id = " + a.Id));
            Assert.Contains("an identity given to a board is never deleted", Refused("DELETE FROM identities WHERE board_id = 'BOARD-A'"));
            Assert.Contains("CHECK constraint failed", Refused("UPDATE identities SET board_id = 'BOARD-Q' WHERE id = 5"));
            Assert.Contains("UNIQUE constraint failed: identities.product_key, identities.device_name",
                Refused("INSERT INTO identities (product_key, device_name, device_secret, source_file, source_row, imported_at) SELECT product_key, device_name, 'y', 'f', 1, 'x' FROM identities WHERE id = 1"));
        }

        [Fact]
        public void Board_ids_are_spelled_one_way()
        {
            Assert.Equal("24:0A:C4:12:AB:EF", BoardId.Normalize("24:0a:c4:12:ab:ef", out _));
            Assert.Equal("24:0A:C4:12:AB:EF", BoardId.Normalize(" 240ac412abef\n", out _));
            Assert.Equal("24:0A:C4:12:AB:EF", BoardId.Normalize("24-0A-C4-12-AB-EF", out _));
            Assert.Equal("24:0A-C4:12:AB:EF", BoardId.Normalize("24:0a-c4:12:ab:ef", out _));   // mixed separators: a label, not a MAC
            Assert.Equal("TRAY3/B07", BoardId.Normalize("Tray3/b07", out _));
            Assert.Null(BoardId.Normalize("tray 3", out string problem));
            Assert.Equal("may hold only letters, digits and - _ . : @ / #", problem);
            Assert.Null(BoardId.Normalize("", out problem));
            Assert.Equal("must be 1-64 characters", problem);

            var viaMac = _ledger.Assign(BoardId.Normalize("24:0a:c4:12:ab:ef", out _), "st-1").Value.Entry;
            Tool.Result again = Tool.Run("assign", "--ledger", _path, "--board-id", "240AC412ABEF");
            Assert.Equal("board 24:0A:C4:12:AB:EF -> " + viaMac + " (resumed: assigned by st-1 at " + viaMac.AssignedAt + ", not done)\n", again.Stdout);

            Tool.Result bad = Tool.Run("assign", "--ledger", _path, "--board-id", "tray 3");
            Assert.Equal(2, bad.ExitCode);
            Assert.StartsWith("error: --board-id: the board id may hold only letters, digits and - _ . : @ / #\nusage: LinkKit.Flash assign", bad.Stderr);
        }

        [Fact]
        public void Done_needs_the_boards_identity_in_its_boot_log()
        {
            var entry = _ledger.Assign("BOARD-1", "st-1").Value.Entry;
            _ledger.Assign("BOARD-2", "st-1");
            string log = Path.Combine(_work, "boot.log");

            string Line(string pk, string dn, string kind = "DeviceSecret") => "identity from the secret store: SecretRecord(" + kind + ", productKey=" + pk + ", deviceName=" + dn + ", sequence=2)\n";
            (int, string) Done(string text)
            {
                File.WriteAllText(log, text);
                Tool.Result r = Tool.Run("done", "--ledger", _path, "--board-id", "board-1", "--boot-log", log, "--station", "st-1");
                return (r.ExitCode, r.All);
            }

            string stays = "; the board keeps a1FactoryPK/fab-00001 in the ledger (assigned): flash and check it again\n";
            Assert.Equal((4, "error: the boot log of board BOARD-1 holds no identity line (SecretRecord(DeviceSecret, productKey=..., deviceName=...), printed by the firmware at boot)" + stays),
                Done("ets Jun  8 2016 00:22:57\nrst:0x1 (POWERON_RESET)\n"));
            Assert.Equal((4, "error: the boot log of board BOARD-1 shows a1FactoryPK/fab-00002, but the ledger gave the board a1FactoryPK/fab-00001" + stays),
                Done(Line("a1FactoryPK", "fab-00002")));
            Assert.Equal((4, "error: the boot log of board BOARD-1 shows a1FactoryPK/fab-00001 (DeviceToken), but the ledger gave the board a1FactoryPK/fab-00001" + stays),
                Done(Line("a1FactoryPK", "fab-00001", "DeviceToken")));
            // The last boot counts: an old identity before the flash, the right one after it.
            Assert.Equal(Ledger.Assigned, LedgerState("BOARD-1"));
            Assert.Equal((0, "done: board BOARD-1 holds a1FactoryPK/fab-00001 (read back from its boot log)\n"),
                Done("\u0001\u00ffbinary frame " + Line("a1FactoryPK", "fab-00002") + "\u0000" + Line("a1FactoryPK", "fab-00001") + "\u0003"));
            Assert.Equal(Ledger.Done, LedgerState("BOARD-1"));
            Assert.StartsWith("done already: board BOARD-1 holds a1FactoryPK/fab-00001 since ", Done(Line("a1FactoryPK", "fab-00001")).Item2);

            Tool.Result unknown = Tool.Run("done", "--ledger", _path, "--board-id", "NOBODY", "--boot-log", log);
            Assert.Equal(2, unknown.ExitCode);
            Assert.StartsWith("error: board NOBODY has no identity in the ledger; run assign first\n", unknown.Stderr);

            using var c = new SqliteConnection("Data Source=" + _path + ";Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT event FROM events WHERE board_id = 'BOARD-1' ORDER BY seq";
            using var reader = cmd.ExecuteReader();
            var events = new System.Collections.Generic.List<string>();
            while (reader.Read()) events.Add(reader.GetString(0));
            Assert.Equal(new[] { "assigned", "check-failed", "check-failed", "check-failed", "done" }, events);
            Assert.Equal(entry.Id, _ledger.Find("BOARD-1", false).Id);
        }

        [Fact]
        public void Opening_something_that_is_not_a_ledger_is_refused()
        {
            string missing = Path.Combine(_work, "none.db");
            Tool.Result none = Tool.Run("status", "--ledger", missing);
            Assert.Equal(2, none.ExitCode);
            Assert.StartsWith("error: --ledger: no ledger " + missing + "; import the console's CSV with provision-batch first\n", none.Stderr);
            Assert.False(File.Exists(missing));

            string text = Path.Combine(_work, "notes.txt");
            File.WriteAllText(text, "this is not a database, but long enough to have a header of one hundred bytes or so. ........");
            Tool.Result notDb = Tool.Run("assign", "--ledger", text, "--board-id", "B1");
            Assert.Equal(2, notDb.ExitCode);
            Assert.StartsWith("error: --ledger: " + text + " is not a LinkKit.Flash ledger\n", notDb.Stderr);

            string other = Path.Combine(_work, "other.db");
            using (var c = new SqliteConnection("Data Source=" + other + ";Pooling=False"))
            {
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "CREATE TABLE t (x)";
                cmd.ExecuteNonQuery();
            }

            Tool.Result otherDb = Tool.Run("export", "--ledger", other);
            Assert.Equal(2, otherDb.ExitCode);
            Assert.StartsWith("error: --ledger: " + other + " is not a LinkKit.Flash ledger\n", otherDb.Stderr);
        }

        [Fact]
        public void The_ledger_file_is_readable_by_its_owner_only()
        {
            if (OperatingSystem.IsWindows()) return;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_path));
        }

        private string LedgerState(string board)
        {
            return _ledger.Find(board, false).State;
        }
    }
}
