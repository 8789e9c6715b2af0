using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace LinkKit.Flash.Tests
{
    /// <summary>
    /// A 1,000-row batch through the ledger, board after board, with the station crashing at every step of the loop
    /// (a fault hook that throws where the tool would die): every identity ends on exactly one board, none is lost,
    /// a board keeps its identity across crashes, and no secret is printed, exported or left in a folder.
    /// </summary>
    public sealed class FactoryLineTests : IDisposable
    {
        private const int Rows = 1000;

        private readonly ITestOutputHelper _output;
        private readonly string _work = Path.Combine(Tool.FastTemp, "linkkit-line-" + Guid.NewGuid().ToString("N"));

        public FactoryLineTests(ITestOutputHelper output)
        {
            _output = output;
            Directory.CreateDirectory(_work);
        }

        public void Dispose()
        {
            Directory.Delete(_work, true);
        }

        [Fact]
        public void A_thousand_rows_with_crashes_at_every_step_give_every_identity_to_exactly_one_board()
        {
            var clock = Stopwatch.StartNew();
            var (csvText, rows) = Tool.Batch(Rows);
            string csv = Path.Combine(_work, "batch.csv");
            string ledger = Path.Combine(_work, "ledger.db");
            File.WriteAllText(csv, "\uFEFF" + csvText);
            var secrets = new HashSet<string>(rows.Select(r => r.Secret));
            var line = new FactoryLine(_work, ledger, "st-1");

            // The import crashes once before its commit: nothing of it stays, and running it again imports all.
            Assert.Throws<SimulatedCrash>(() => Tool.Run("", p => { if (p == "import.before-commit") throw new SimulatedCrash(p); }, "provision-batch", "--csv", csv, "--ledger", ledger));
            Assert.Equal(new LedgerCounts(0, 0, 0), Ledger.Open(ledger).Counts());
            Tool.Result import = Tool.Run("provision-batch", "--csv", csv, "--ledger", ledger, "--station", "st-1");
            Assert.Equal(0, import.ExitCode);
            line.Printed.Append(import.All);
            TimeSpan importTime = clock.Elapsed;

            // Board i dies at CrashPoints[i % 10] (10: no crash); one in seven of those dies again on its retry; after
            // one crash in four the operator puts the board aside and runs it after all others.
            var boards = Enumerable.Range(0, Rows).Select(i => "24:0A:C4:00:" + (i / 256).ToString("X2") + ":" + (i % 256).ToString("X2")).ToList();
            var firstIdentity = new Dictionary<string, long>();
            var crashes = FactoryLine.CrashPoints.ToDictionary(p => p, _ => 0);
            var setAside = new List<string>();
            int restarts = 0;
            var ledgerView = Ledger.Open(ledger);

            void AfterCrash(string board, SimulatedCrash crash)
            {
                crashes[crash.Point]++;
                restarts++;
                line.Restart();
                LedgerEntry entry = ledgerView.Find(board, false);
                bool hadOne = firstIdentity.ContainsKey(board);
                if (crash.Point == "assign.before-commit" && !hadOne) Assert.Null(entry);   // rolled back: the board has nothing yet
                else Assert.NotNull(entry);
                if (entry == null) return;
                if (firstIdentity.TryGetValue(board, out long id)) Assert.Equal(id, entry.Id);
                else firstIdentity[board] = entry.Id;
            }

            void Run(string board, params string[] crashAt)
            {
                foreach (string point in crashAt)
                {
                    var crash = Assert.Throws<SimulatedCrash>(() => line.Board(board, point));
                    AfterCrash(board, crash);
                }

                Assert.Equal(0, line.Board(board, null));
                long done = ledgerView.Find(board, false).Id;
                if (firstIdentity.TryGetValue(board, out long id)) Assert.Equal(id, done);
                else firstIdentity[board] = done;
            }

            for (int i = 0; i < Rows; i++)
            {
                int slot = i % (FactoryLine.CrashPoints.Length + 1);
                if (slot == FactoryLine.CrashPoints.Length)
                {
                    Run(boards[i]);
                    continue;
                }

                string first = FactoryLine.CrashPoints[slot];
                string second = i % 7 == 3 ? FactoryLine.CrashPoints[(i / 10) % FactoryLine.CrashPoints.Length] : null;
                // A board that is done already has no done transaction to die in.
                if (second == "done.before-commit" && Array.IndexOf(FactoryLine.CrashPoints, first) >= Array.IndexOf(FactoryLine.CrashPoints, "done.after-commit")) second = null;
                if (i % 4 == 1)
                {
                    var crash = Assert.Throws<SimulatedCrash>(() => line.Board(boards[i], first));
                    AfterCrash(boards[i], crash);
                    setAside.Add(boards[i]);
                    continue;
                }

                Run(boards[i], second == null ? new[] { first } : new[] { first, second });
            }

            foreach (string board in setAside) Run(board);
            TimeSpan lineTime = clock.Elapsed - importTime;

            // Every step crashed, many times.
            foreach (var c in crashes) Assert.True(c.Value >= 50, c.Key + " crashed only " + c.Value + " times");

            // Every identity on exactly one board, every board with the identity the ledger gave it first.
            Assert.Equal(new LedgerCounts(0, 0, Rows), ledgerView.Counts());
            var byBoard = ledgerView.Entries(false).ToDictionary(e => e.BoardId);
            Assert.Equal(Rows, byBoard.Count);
            var onBoards = new HashSet<string>();
            var csvIdentities = rows.ToDictionary(r => r.Dn, r => r.Secret);
            foreach (string board in boards)
            {
                LedgerEntry entry = byBoard[board];
                Assert.Equal(firstIdentity[board], entry.Id);
                var flashed = line.OnBoard(board);
                Assert.NotNull(flashed);
                Assert.Equal((entry.ProductKey, entry.DeviceName), (flashed.ProductKey, flashed.DeviceName));
                Assert.Equal(csvIdentities[entry.DeviceName], flashed.DeviceSecret);
                Assert.True(onBoards.Add(flashed.DeviceName), flashed.DeviceName + " is on two boards");
            }

            Assert.Equal(rows.Select(r => r.Dn).OrderBy(n => n, StringComparer.Ordinal), onBoards.OrderBy(n => n, StringComparer.Ordinal));

            // The audit trail: each identity assigned once; every attempt whose assign step committed left one event
            // (assigned, or resumed / assigned-again-done after a crash).
            var events = Events(ledger);
            Assert.Equal(Rows, events.Count(e => e == "assigned"));
            Assert.Equal(Rows, events.Count(e => e == "done"));
            Assert.Equal(Rows + restarts - crashes["assign.before-commit"], events.Count(e => e == "assigned" || e == "resumed" || e == "assigned-again-done"));

            // No secret printed, exported, or left in a station folder.
            string exported = Path.Combine(_work, "shipped.csv");
            Tool.Result export = Tool.Run("export", "--ledger", ledger, "--out", exported);
            Assert.Equal("exported " + Rows + " boards to " + exported + "\n", export.Stdout);
            string[] shipped = File.ReadAllLines(exported);
            Assert.Equal(Rows + 1, shipped.Length);
            Assert.Equal("ProductKey,DeviceName,State,BoardId,Station,AssignedAt,DoneAt", shipped[0]);
            Assert.Empty(Directory.GetFileSystemEntries(line.Work));
            Assert.Empty(FactoryLine.SecretsIn(line.Printed.ToString() + export.All, secrets));
            Assert.Empty(FactoryLine.SecretsIn(File.ReadAllText(exported), secrets));
            Assert.Empty(FactoryLine.SecretsIn(string.Join("\n", events), secrets));

            _output.WriteLine("import of " + Rows + " rows: " + importTime.TotalMilliseconds.ToString("F0") + " ms; " + Rows + " boards with "
                + restarts + " crashes (" + string.Join(", ", crashes.Select(c => c.Key + " " + c.Value)) + "), " + setAside.Count + " set aside: "
                + lineTime.TotalMilliseconds.ToString("F0") + " ms (in " + _work + ")");
        }

        private static List<string> Events(string ledger)
        {
            var events = new List<string>();
            using var c = new SqliteConnection("Data Source=" + ledger + ";Pooling=False;Mode=ReadOnly");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT event || ' ' || COALESCE(detail, '') FROM events ORDER BY seq";
            using var r = cmd.ExecuteReader();
            while (r.Read()) events.Add(r.GetString(0).TrimEnd());
            return events;
        }
    }
}
