using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;

namespace LinkKit.Flash
{
    /// <summary>What <see cref="Ledger.Assign"/> did for a board.</summary>
    public enum AssignOutcome
    {
        /// <summary>The board had no identity: it got the lowest free one.</summary>
        New,
        /// <summary>The board already had an identity it did not finish with (a crash, a failed flash or check): the same one again.</summary>
        Resumed,
        /// <summary>The board finished before: the same identity, already done.</summary>
        AlreadyDone,
    }

    /// <summary>One identity of the ledger as a board sees it. <see cref="DeviceSecret"/> is null unless asked for.</summary>
    public sealed class LedgerEntry
    {
        public long Id { get; init; }
        public string ProductKey { get; init; }
        public string DeviceName { get; init; }
        public string DeviceSecret { get; init; }
        public string State { get; init; }
        public string BoardId { get; init; }
        public string Station { get; init; }
        public string AssignedAt { get; init; }
        public string DoneAt { get; init; }

        /// <summary>Never the secret.</summary>
        public override string ToString()
        {
            return ProductKey + "/" + DeviceName;
        }
    }

    /// <summary>How many identities are in each state.</summary>
    public sealed record LedgerCounts(int Free, int Assigned, int Done)
    {
        public int Total => Free + Assigned + Done;
    }

    /// <summary>
    /// The factory ledger: one SQLite file (per station, or one shared by several stations on a network path) that
    /// hands each identity of the console's CSV to exactly one board.
    ///
    /// <para>An identity is <c>free</c>, then <c>assigned</c> to one board (before that board is flashed), then
    /// <c>done</c> (after the read-back check). A board keeps its identity for good: asking again for the same board
    /// gives the same identity (resume after a crash, a failed flash or a failed check), and an identity assigned to a
    /// board is never offered to another, even if that board never comes back. Every change is one
    /// <c>BEGIN IMMEDIATE</c> transaction, so two stations on the same file take turns (the other waits up to
    /// <see cref="BusyTimeoutSeconds"/>); the schema itself (one <c>board_id</c> column, unique; triggers) refuses a
    /// second board for an identity, a board with two identities, and any step backwards.</para>
    ///
    /// <para>Rollback journal, not WAL: WAL needs shared memory, which a network share does not give. The file holds
    /// the secrets (it is created readable by its owner only on Unix); <see cref="Entries"/> and everything printed
    /// or exported never do.</para>
    /// </summary>
    public sealed class Ledger
    {
        public const int SchemaVersion = 1;
        public const int BusyTimeoutSeconds = 30;

        public const string Free = "free";
        public const string Assigned = "assigned";
        public const string Done = "done";

        private const string Schema = @"
CREATE TABLE IF NOT EXISTS ledger_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS identities (
    id            INTEGER PRIMARY KEY,    -- import order: free identities go out lowest id first
    product_key   TEXT NOT NULL,
    device_name   TEXT NOT NULL,
    device_secret TEXT NOT NULL,
    source_file   TEXT NOT NULL,          -- the CSV as the operator named it
    source_row    INTEGER NOT NULL,       -- its row there (the header is row 1)
    imported_at   TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'free' CHECK (state IN ('free', 'assigned', 'done')),
    board_id      TEXT UNIQUE,            -- one board per identity (one column), one identity per board (unique)
    station       TEXT,                   -- the station that assigned it
    assigned_at   TEXT,
    done_at       TEXT,
    UNIQUE (product_key, device_name),
    CHECK ((state = 'free') = (board_id IS NULL)),
    CHECK ((state = 'free') = (assigned_at IS NULL)),
    CHECK ((state = 'done') = (done_at IS NOT NULL))
);

CREATE INDEX IF NOT EXISTS identities_free ON identities (id) WHERE state = 'free';

-- What happened, in order: imports, assignments, resumes, read-back failures, completions. No secrets.
CREATE TABLE IF NOT EXISTS events (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    station     TEXT NOT NULL,
    board_id    TEXT,
    identity_id INTEGER REFERENCES identities (id),
    event       TEXT NOT NULL,
    detail      TEXT
);

CREATE TRIGGER IF NOT EXISTS identity_is_fixed BEFORE UPDATE OF product_key, device_name, device_secret ON identities
BEGIN SELECT RAISE(ABORT, 'an identity never changes once imported'); END;

CREATE TRIGGER IF NOT EXISTS board_is_for_good BEFORE UPDATE OF board_id ON identities
WHEN OLD.board_id IS NOT NULL AND NEW.board_id IS NOT OLD.board_id
BEGIN SELECT RAISE(ABORT, 'an assigned identity keeps its board'); END;

CREATE TRIGGER IF NOT EXISTS state_moves_forward BEFORE UPDATE OF state ON identities
WHEN NOT ((OLD.state = NEW.state) OR (OLD.state = 'free' AND NEW.state = 'assigned') OR (OLD.state = 'assigned' AND NEW.state = 'done'))
BEGIN SELECT RAISE(ABORT, 'an identity goes free -> assigned -> done only'); END;

CREATE TRIGGER IF NOT EXISTS used_identity_stays BEFORE DELETE ON identities
WHEN OLD.state <> 'free'
BEGIN SELECT RAISE(ABORT, 'an identity given to a board is never deleted'); END;
";

        private readonly string _connectionString;

        private Ledger(string path, bool create)
        {
            Path = System.IO.Path.GetFullPath(path);
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path,
                Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
                Pooling = false,                    // each command opens and closes the file: nothing held between steps
                DefaultTimeout = BusyTimeoutSeconds,
            }.ToString();
        }

        public string Path { get; }

        /// <summary>
        /// Called at the named points of each change (<c>import.before-commit</c>, <c>assign.before-commit</c>,
        /// <c>assign.after-commit</c>, <c>done.before-commit</c>, <c>done.after-commit</c>): tests throw or kill the
        /// process there to crash a station mid-step.
        /// </summary>
        public Action<string> Fault { get; set; }

        /// <summary>Opens the ledger, creating the file and its tables if missing (the first import does that).</summary>
        public static Ledger OpenOrCreate(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            string dir = System.IO.Path.GetDirectoryName(full);
            if (!Directory.Exists(dir)) throw new UsageException("--ledger: no folder " + dir);
            CreateOwnerOnly(full);
            var ledger = new Ledger(full, true);
            ledger.Write(c =>
            {
                Exec(c, Schema);
                Exec(c, "INSERT OR IGNORE INTO ledger_info (key, value) VALUES ('schema_version', $v), ('created_at', $t)",
                    ("$v", SchemaVersion.ToString(CultureInfo.InvariantCulture)), ("$t", Now()));
                return 0;
            });
            ledger.CheckSchema();
            return ledger;
        }

        /// <summary>Opens an existing ledger.</summary>
        /// <exception cref="UsageException">No file there, or not a ledger of this schema.</exception>
        public static Ledger Open(string path)
        {
            if (!File.Exists(path)) throw new UsageException("--ledger: no ledger " + path + "; import the console's CSV with provision-batch first");
            var ledger = new Ledger(path, false);
            ledger.CheckSchema();
            return ledger;
        }

        /// <summary>
        /// Adds the identities of one CSV in one transaction. A row already in the ledger with the same secret is
        /// skipped (importing a file twice changes nothing); the same ProductKey and DeviceName with another secret
        /// refuses the whole file. Returns how many were new.
        /// </summary>
        /// <exception cref="BatchRefusedException">A row conflicts with the ledger; nothing was written.</exception>
        public int Import(string source, string station, IReadOnlyList<CsvIdentity> rows)
        {
            int added = Write(c =>
            {
                var errors = new List<string>();
                int count = 0;
                string now = Now();
                foreach (CsvIdentity row in rows)
                {
                    string known = null, knownFrom = null;
                    Query(c, "SELECT device_secret, source_file, source_row FROM identities WHERE product_key = $pk AND device_name = $dn",
                        r =>
                        {
                            known = r.GetString(0);
                            knownFrom = r.GetString(1) + " row " + r.GetInt64(2).ToString(CultureInfo.InvariantCulture);
                        },
                        ("$pk", row.ProductKey), ("$dn", row.DeviceName));
                    if (known != null)
                    {
                        if (!string.Equals(known, row.DeviceSecret, StringComparison.Ordinal))
                            errors.Add(source + " row " + row.Row + ": DeviceName is already in the ledger with a different DeviceSecret (from " + knownFrom + ")");
                        continue;
                    }

                    Exec(c, "INSERT INTO identities (product_key, device_name, device_secret, source_file, source_row, imported_at) VALUES ($pk, $dn, $s, $f, $r, $t)",
                        ("$pk", row.ProductKey), ("$dn", row.DeviceName), ("$s", row.DeviceSecret), ("$f", source), ("$r", row.Row), ("$t", now));
                    count++;
                }

                if (errors.Count > 0) throw new BatchRefusedException(errors);
                Event(c, station, null, null, "imported", count + " new, " + (rows.Count - count) + " already in the ledger, from " + source);
                Fault?.Invoke("import.before-commit");
                return count;
            });
            Fault?.Invoke("import.after-commit");
            return added;
        }

        /// <summary>
        /// The board's identity: the one it already has (assigned or done), else the lowest free one, now assigned to
        /// it. Null when the board has none and none is free.
        /// </summary>
        public (LedgerEntry Entry, AssignOutcome Outcome)? Assign(string boardId, string station)
        {
            var result = Write<(LedgerEntry, AssignOutcome)?>(c =>
            {
                LedgerEntry existing = FindIn(c, boardId, false);
                if (existing != null)
                {
                    AssignOutcome again = existing.State == Done ? AssignOutcome.AlreadyDone : AssignOutcome.Resumed;
                    Event(c, station, boardId, existing.Id, again == AssignOutcome.Resumed ? "resumed" : "assigned-again-done", null);
                    Fault?.Invoke("assign.before-commit");
                    return (existing, again);
                }

                long id = -1;
                Query(c, "SELECT id FROM identities WHERE state = 'free' ORDER BY id LIMIT 1", r => id = r.GetInt64(0));
                if (id < 0) return null;

                int changed = Exec(c, "UPDATE identities SET state = 'assigned', board_id = $b, station = $s, assigned_at = $t WHERE id = $id AND state = 'free'",
                    ("$b", boardId), ("$s", station), ("$t", Now()), ("$id", id));
                if (changed != 1) throw new InvalidOperationException("identity " + id + " was taken inside the write lock");
                Event(c, station, boardId, id, "assigned", null);
                Fault?.Invoke("assign.before-commit");
                return (FindIn(c, boardId, false), AssignOutcome.New);
            });
            Fault?.Invoke("assign.after-commit");
            return result;
        }

        /// <summary>The board's identity, with its secret when <paramref name="withSecret"/>; null if it has none.</summary>
        public LedgerEntry Find(string boardId, bool withSecret)
        {
            using SqliteConnection c = Connect();
            return FindIn(c, boardId, withSecret);
        }

        /// <summary>
        /// Marks the board's identity done (after the read-back check showed <paramref name="identityId"/> on it).
        /// False if it was done already.
        /// </summary>
        /// <exception cref="UsageException">The board has no identity, or another one.</exception>
        public bool MarkDone(string boardId, long identityId, string station)
        {
            bool marked = Write(c =>
            {
                LedgerEntry entry = FindIn(c, boardId, false);
                if (entry == null) throw new UsageException("board " + boardId + " has no identity in the ledger; run assign first");
                if (entry.Id != identityId) throw new UsageException("board " + boardId + " holds " + entry + " in the ledger, not identity " + identityId);
                if (entry.State == Done) return false;

                int changed = Exec(c, "UPDATE identities SET state = 'done', done_at = $t WHERE id = $id AND board_id = $b AND state = 'assigned'",
                    ("$t", Now()), ("$id", identityId), ("$b", boardId));
                if (changed != 1) throw new InvalidOperationException("identity " + identityId + " changed inside the write lock");
                Event(c, station, boardId, identityId, "done", null);
                Fault?.Invoke("done.before-commit");
                return true;
            });
            Fault?.Invoke("done.after-commit");
            return marked;
        }

        /// <summary>Notes a failed read-back check (the board keeps its identity and state). <paramref name="detail"/> must hold no secret.</summary>
        public void RecordCheckFailure(string boardId, long identityId, string station, string detail)
        {
            Write(c =>
            {
                Event(c, station, boardId, identityId, "check-failed", detail);
                return 0;
            });
        }

        public LedgerCounts Counts()
        {
            int free = 0, assigned = 0, done = 0;
            using SqliteConnection c = Connect();
            Query(c, "SELECT state, COUNT(*) FROM identities GROUP BY state", r =>
            {
                int n = r.GetInt32(1);
                switch (r.GetString(0))
                {
                    case Free: free = n; break;
                    case Assigned: assigned = n; break;
                    case Done: done = n; break;
                }
            });
            return new LedgerCounts(free, assigned, done);
        }

        /// <summary>The identities given to boards (done only, or assigned too), in the order they were assigned. Never the secrets.</summary>
        public List<LedgerEntry> Entries(bool includeUnfinished)
        {
            return EntriesWhere(includeUnfinished ? "<> 'free'" : "= 'done'");
        }

        /// <summary>The identities assigned to boards and not done yet, in the order they were assigned. Never the secrets.</summary>
        public List<LedgerEntry> Unfinished()
        {
            return EntriesWhere("= 'assigned'");
        }

        private List<LedgerEntry> EntriesWhere(string stateCondition)
        {
            var entries = new List<LedgerEntry>();
            using SqliteConnection c = Connect();
            Query(c, "SELECT " + EntryColumns + " FROM identities WHERE state " + stateCondition + " ORDER BY assigned_at, id",
                r => entries.Add(ReadEntry(r, false)));
            return entries;
        }

        private const string EntryColumns = "id, product_key, device_name, state, board_id, station, assigned_at, done_at, device_secret";

        private static LedgerEntry FindIn(SqliteConnection c, string boardId, bool withSecret)
        {
            LedgerEntry entry = null;
            Query(c, "SELECT " + EntryColumns + " FROM identities WHERE board_id = $b", r => entry = ReadEntry(r, withSecret), ("$b", boardId));
            return entry;
        }

        private static LedgerEntry ReadEntry(SqliteDataReader r, bool withSecret)
        {
            return new LedgerEntry
            {
                Id = r.GetInt64(0),
                ProductKey = r.GetString(1),
                DeviceName = r.GetString(2),
                State = r.GetString(3),
                BoardId = r.IsDBNull(4) ? null : r.GetString(4),
                Station = r.IsDBNull(5) ? null : r.GetString(5),
                AssignedAt = r.IsDBNull(6) ? null : r.GetString(6),
                DoneAt = r.IsDBNull(7) ? null : r.GetString(7),
                DeviceSecret = withSecret ? r.GetString(8) : null,
            };
        }

        private void CheckSchema()
        {
            string version = null;
            try
            {
                using SqliteConnection c = Connect();
                Query(c, "SELECT value FROM ledger_info WHERE key = 'schema_version'", r => version = r.GetString(0));
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 26 /* SQLITE_NOTADB */ || e.SqliteErrorCode == 1 /* no such table */)
            {
                throw new UsageException("--ledger: " + Path + " is not a LinkKit.Flash ledger");
            }

            if (version == null) throw new UsageException("--ledger: " + Path + " is not a LinkKit.Flash ledger");
            if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
                throw new UsageException("--ledger: " + Path + " has schema version " + version + "; this tool reads version " + SchemaVersion);
        }

        /// <summary>One write transaction: BEGIN IMMEDIATE takes the write lock first, so two stations never both read "free".</summary>
        private T Write<T>(Func<SqliteConnection, T> work)
        {
            using SqliteConnection c = Connect();
            Exec(c, "BEGIN IMMEDIATE");
            bool committed = false;
            try
            {
                T result = work(c);
                Exec(c, "COMMIT");
                committed = true;
                return result;
            }
            finally
            {
                if (!committed)
                {
                    try
                    {
                        Exec(c, "ROLLBACK");
                    }
                    catch (SqliteException)
                    {
                        // The transaction is gone already; closing the connection ends it in any case.
                    }
                }
            }
        }

        private SqliteConnection Connect()
        {
            var c = new SqliteConnection(_connectionString);
            c.Open();
            Exec(c, "PRAGMA busy_timeout = " + (BusyTimeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture) + "; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
            return c;
        }

        private static void CreateOwnerOnly(string path)
        {
            if (File.Exists(path) || OperatingSystem.IsWindows()) return;
            try
            {
                // An empty file is an empty SQLite database; created first so the secrets never sit in a world-readable file.
                using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
                {
                }
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another station created it first.
            }
        }

        private static void Event(SqliteConnection c, string station, string boardId, long? identityId, string name, string detail)
        {
            Exec(c, "INSERT INTO events (at, station, board_id, identity_id, event, detail) VALUES ($t, $s, $b, $i, $e, $d)",
                ("$t", Now()), ("$s", station), ("$b", boardId), ("$i", identityId), ("$e", name), ("$d", detail));
        }

        private static int Exec(SqliteConnection c, string sql, params (string Name, object Value)[] args)
        {
            using SqliteCommand command = Command(c, sql, args);
            return command.ExecuteNonQuery();
        }

        private static void Query(SqliteConnection c, string sql, Action<SqliteDataReader> row, params (string Name, object Value)[] args)
        {
            using SqliteCommand command = Command(c, sql, args);
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read()) row(reader);
        }

        private static SqliteCommand Command(SqliteConnection c, string sql, (string Name, object Value)[] args)
        {
            SqliteCommand command = c.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return command;
        }

        private static string Now()
        {
            return DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }
    }
}
