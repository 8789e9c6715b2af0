using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace LinkKit.Flash.Tests
{
    /// <summary>
    /// The built tool as separate processes on one ledger file: killed (SIGKILL, no clean-up) at every step and
    /// restarted, and two or three stations at once.
    /// </summary>
    public sealed class StationProcessTests : IDisposable
    {
        private static readonly Regex s_assigned = new Regex(@"^board (\S+) -> (\S+) \((new|resumed: .*|done already at .*)\)$", RegexOptions.Multiline);

        private readonly ITestOutputHelper _output;
        private readonly string _work;

        public StationProcessTests(ITestOutputHelper output)
        {
            _output = output;
            _work = Path.Combine(Path.GetTempPath(), "linkkit-stations-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_work);
        }

        public void Dispose()
        {
            Directory.Delete(_work, true);
        }

        [Fact]
        public void A_station_killed_at_every_step_resumes_on_restart_with_the_same_identity()
        {
            var (csvText, rows) = Tool.Batch(12);
            string csv = Path.Combine(_work, "batch.csv");
            string ledger = Path.Combine(_work, "ledger.db");
            string journal = ledger + "-journal";
            File.WriteAllText(csv, csvText);
            var secrets = new HashSet<string>(rows.Select(r => r.Secret));
            var printed = new StringBuilder();

            // Killed inside the import's transaction: its rollback journal is left behind; the next process sees the
            // ledger as before the transaction (SQLite rolls the journal back, or ignores it while it was not yet synced).
            Tool.Result killed = Tool.Exec(new[] { "provision-batch", "--csv", csv, "--ledger", ledger }, "", new Dictionary<string, string> { [Program.CrashVariable] = "import.before-commit" });
            Assert.True(Tool.WasKilled(killed.ExitCode), "exit " + killed.ExitCode + ": " + killed.All);
            Assert.True(File.Exists(journal), "a kill inside the transaction leaves its journal");
            Tool.Result status = Tool.Exec(new[] { "status", "--ledger", ledger });
            Assert.Equal("ledger " + ledger + ": 0 identities: 0 free, 0 assigned, 0 done\n", status.Stdout);
            Tool.Result import = Tool.Exec(new[] { "provision-batch", "--csv", csv, "--ledger", ledger });
            Assert.Equal(0, import.ExitCode);
            printed.Append(killed.All).Append(status.All).Append(import.All);

            var line = new FactoryLine(_work, ledger, "st-1", processes: true);
            var view = Ledger.Open(ledger);
            var kept = new Dictionary<string, long>();
            foreach (string point in FactoryLine.CrashPoints)
            {
                string board = "KILL-" + Array.IndexOf(FactoryLine.CrashPoints, point);
                var crash = Assert.Throws<SimulatedCrash>(() => line.Board(board, point));
                Assert.Equal(point, crash.Point);

                // What the dead station left behind.
                string folder = Path.Combine(line.Work, "board-" + board);
                Assert.Equal(point.EndsWith(".before-commit", StringComparison.Ordinal), File.Exists(journal));
                if (point == "provision.staged") Assert.Single(Directory.GetDirectories(folder, ".staging-*"));
                if (point == "provision.moving")
                {
                    Assert.True(File.Exists(Path.Combine(folder, "linkkit_a.bin")));
                    Assert.False(File.Exists(Path.Combine(folder, "deploy.json")));
                }

                LedgerEntry before = view.Find(board, false);
                Assert.Equal(point == "assign.before-commit", before == null);
                string expectedState = point == "done.after-commit" || point == "cleanup.before" ? Ledger.Done : Ledger.Assigned;
                if (before != null) Assert.Equal(expectedState, before.State);

                // station.sh restarts: folders wiped, the same board again.
                line.Restart();
                Assert.Equal(0, line.Board(board, null));
                LedgerEntry after = view.Find(board, false);
                Assert.Equal(Ledger.Done, after.State);
                if (before != null) Assert.Equal(before.Id, after.Id);
                Assert.Equal(after.DeviceName, line.OnBoard(board).DeviceName);
                kept[board] = after.Id;
            }

            Assert.Equal(new LedgerCounts(12 - FactoryLine.CrashPoints.Length, 0, FactoryLine.CrashPoints.Length), view.Counts());
            Assert.Equal(kept.Count, kept.Values.Distinct().Count());
            Assert.Equal(Enumerable.Range(1, FactoryLine.CrashPoints.Length).Select(i => (long)i), kept.Values.OrderBy(v => v));   // none skipped
            Assert.Empty(Directory.GetFileSystemEntries(line.Work));
            Assert.Empty(FactoryLine.SecretsIn(printed.ToString() + line.Printed, secrets));
        }

        [Fact]
        public async Task Three_stations_assigning_at_once_on_one_ledger_never_share_an_identity()
        {
            const int Identities = 360;
            var (csvText, rows) = Tool.Batch(Identities);
            string ledger = Path.Combine(_work, "shared.db");
            string csv = Path.Combine(_work, "batch.csv");
            File.WriteAllText(csv, csvText);
            Assert.Equal(0, Tool.Run("provision-batch", "--csv", csv, "--ledger", ledger).ExitCode);

            // A and B: 140 boards of their own and the same 20 "shared" boards (one board put on two stations: it must
            // get one identity); C: 60 boards, killed in its 40th assignment, then restarted with all 60.
            List<string> Boards(string prefix) => Enumerable.Range(1, 140).Select(i => prefix + "-" + i.ToString("D3"))
                .SelectMany((b, i) => i % 7 == 3 ? new[] { b, "SHARED-" + (i / 7).ToString("D2") } : new[] { b }).ToList();
            var a = Boards("A");
            var b = Boards("B");
            var c = Enumerable.Range(1, 60).Select(i => "C-" + i.ToString("D2")).ToList();
            Assert.Equal(160, a.Count);

            var clock = Stopwatch.StartNew();
            using Process pa = Tool.Start(new[] { "assign", "--ledger", ledger, "--boards", "-", "--station", "st-a" });
            using Process pb = Tool.Start(new[] { "assign", "--ledger", ledger, "--boards", "-", "--station", "st-b" });
            using Process pc = Tool.Start(new[] { "assign", "--ledger", ledger, "--boards", "-", "--station", "st-c" },
                new Dictionary<string, string> { [Program.CrashVariable] = "assign.before-commit#40" });
            var ra = Task.Run(() => Tool.Finish(pa, string.Join("\n", a) + "\n"));
            var rb = Task.Run(() => Tool.Finish(pb, string.Join("\n", b) + "\n"));
            var rc = Task.Run(() => Tool.Finish(pc, string.Join("\n", c) + "\n"));
            Tool.Result a1 = await ra, b1 = await rb, c1 = await rc;
            Tool.Result rc2 = Tool.Exec(new[] { "assign", "--ledger", ledger, "--boards", "-", "--station", "st-c" }, string.Join("\n", c) + "\n");
            TimeSpan elapsed = clock.Elapsed;

            Assert.True(a1.ExitCode == 0, a1.Stderr);
            Assert.True(b1.ExitCode == 0, b1.Stderr);
            Assert.True(Tool.WasKilled(c1.ExitCode), "exit " + c1.ExitCode);
            Assert.True(rc2.ExitCode == 0, rc2.Stderr);

            // What each station printed: one identity per board, whoever printed it, however often.
            var printed = new Dictionary<string, HashSet<string>>();
            var outcomes = new Dictionary<string, List<string>>();
            foreach (Tool.Result r in new[] { a1, b1, c1, rc2 })
            {
                foreach (Match m in s_assigned.Matches(r.Stdout))
                {
                    if (!printed.TryGetValue(m.Groups[1].Value, out var ids)) printed[m.Groups[1].Value] = ids = new HashSet<string>();
                    ids.Add(m.Groups[2].Value);
                    if (!outcomes.TryGetValue(m.Groups[1].Value, out var how)) outcomes[m.Groups[1].Value] = how = new List<string>();
                    how.Add(m.Groups[3].Value.Split(':')[0]);
                }
            }

            Assert.Equal(Identities, printed.Count);
            Assert.All(printed, p => Assert.Single(p.Value));
            Assert.Equal(Identities, printed.Values.Select(v => v.Single()).Distinct().Count());
            Assert.Equal(rows.Select(r => "a1FactoryPK/" + r.Dn).OrderBy(x => x, StringComparer.Ordinal),
                printed.Values.Select(v => v.Single()).OrderBy(x => x, StringComparer.Ordinal));

            // A shared board: new on one station, resumed on the other. C: 39 before the kill, resumed after it.
            for (int i = 0; i < 20; i++) Assert.Equal(new[] { "new", "resumed" }, outcomes["SHARED-" + i.ToString("D2")].OrderBy(x => x, StringComparer.Ordinal));
            Assert.Equal(39, s_assigned.Matches(c1.Stdout).Count);
            for (int i = 0; i < 60; i++) Assert.Equal(i < 39 ? new[] { "new", "resumed" } : new[] { "new" }, outcomes[c[i]]);

            // The ledger agrees with what was printed.
            var view = Ledger.Open(ledger);
            Assert.Equal(new LedgerCounts(0, Identities, 0), view.Counts());
            foreach (LedgerEntry e in view.Entries(true)) Assert.Equal(e.ToString(), printed[e.BoardId].Single());

            // How much the stations interleaved (not asserted: it depends on the scheduler).
            var stations = StationOrder(ledger);
            int switches = stations.Zip(stations.Skip(1), (x, y) => x != y ? 1 : 0).Sum();
            _output.WriteLine(Identities + " assignments by 3 processes (one killed and restarted): " + elapsed.TotalMilliseconds.ToString("F0")
                + " ms; the write lock changed hands " + switches + " times");
        }

        [Fact]
        public void Two_stations_running_the_whole_loop_at_once_on_one_ledger()
        {
            var (csvText, rows) = Tool.Batch(20);
            string ledger = Path.Combine(_work, "shared.db");
            string csv = Path.Combine(_work, "batch.csv");
            File.WriteAllText(csv, csvText);
            Assert.Equal(0, Tool.Run("provision-batch", "--csv", csv, "--ledger", ledger).ExitCode);

            // Each station: 6 boards of its own; one killed in its assignment, one in its done step.
            var one = new FactoryLine(_work, ledger, "st-1", processes: true);
            var two = new FactoryLine(_work, ledger, "st-2", processes: true);
            void Station(FactoryLine line, string prefix, string killAt1, string killAt2)
            {
                for (int i = 1; i <= 6; i++)
                {
                    string board = prefix + "-" + i;
                    string kill = i == 2 ? killAt1 : i == 5 ? killAt2 : null;
                    if (kill != null)
                    {
                        Assert.Throws<SimulatedCrash>(() => line.Board(board, kill));
                        line.Restart();
                    }

                    Assert.Equal(0, line.Board(board, null));
                }
            }

            Parallel.Invoke(
                () => Station(one, "ONE", "assign.after-commit", "done.before-commit"),
                () => Station(two, "TWO", "assign.before-commit", "done.after-commit"));

            var view = Ledger.Open(ledger);
            Assert.Equal(new LedgerCounts(8, 0, 12), view.Counts());
            var entries = view.Entries(false);
            Assert.Equal(12, entries.Select(e => e.DeviceName).Distinct().Count());
            foreach (LedgerEntry e in entries)
            {
                FactoryLine line = e.BoardId.StartsWith("ONE", StringComparison.Ordinal) ? one : two;
                Assert.Equal(e.DeviceName, line.OnBoard(e.BoardId).DeviceName);
                Assert.Equal(e.BoardId.StartsWith("ONE", StringComparison.Ordinal) ? "st-1" : "st-2", e.Station);
            }

            // Handed out in import order: the 12 lowest ids, none skipped.
            Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), entries.Select(e => e.Id).OrderBy(i => i));
            var secrets = new HashSet<string>(rows.Select(r => r.Secret));
            Assert.Empty(FactoryLine.SecretsIn(one.Printed.ToString() + two.Printed, secrets));
        }

        private static List<string> StationOrder(string ledger)
        {
            var stations = new List<string>();
            using var c = new SqliteConnection("Data Source=" + ledger + ";Pooling=False;Mode=ReadOnly");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT station FROM events WHERE event IN ('assigned', 'resumed') ORDER BY seq";
            using var r = cmd.ExecuteReader();
            while (r.Read()) stations.Add(r.GetString(0));
            return stations;
        }
    }
}
