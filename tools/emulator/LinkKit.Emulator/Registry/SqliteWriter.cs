using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace LinkKit.Emulator.Registry;

/// <summary>
/// The one writer of the database. Work items queue up and run in batches inside one transaction each ("group
/// commit"): a thousand devices posting every second cost a few commits per second, and every caller's task
/// completes only after its change is committed. A batch in which an item fails is rolled back and its items are
/// run one by one, so only the failing item's caller sees the error.
/// </summary>
sealed class SqliteWriter : IAsyncDisposable
{
    const int MaxBatch = 512;
    readonly SqliteConnection _connection;
    readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    readonly Task _loop;
    int _depth, _peak;

    public SqliteWriter(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        // WAL with synchronous=NORMAL (per connection): commits need no fsync; a power cut may lose the last
        // commits but never corrupts the file. Fine for an emulator, and it keeps reply latency low.
        using (SqliteCommand pragma = _connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL";
            pragma.ExecuteNonQuery();
        }
        _loop = Task.Run(LoopAsync);
    }

    public Task<T> RunAsync<T>(Func<SqlSession, T> work)
    {
        var item = new WorkItem<T>(work);
        int depth = Interlocked.Increment(ref _depth);
        if (depth > Volatile.Read(ref _peak)) Volatile.Write(ref _peak, depth);     // a racing lower write only loses a peak by one
        if (!_queue.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _depth);
            throw new ObjectDisposedException(nameof(SqliteWriter));
        }
        return item.Task;
    }

    /// <summary>Work items queued or running now.</summary>
    public int Depth => Volatile.Read(ref _depth);

    /// <summary>The most work items ever queued at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public Task RunAsync(Action<SqlSession> work) => RunAsync(s => { work(s); return true; });

    async Task LoopAsync()
    {
        var batch = new List<WorkItem>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out WorkItem? item)) batch.Add(item);
            if (!TryCommit(batch))
            {
                // Something in the batch failed: run each item alone, so only the failing one is refused.
                foreach (WorkItem item in batch) TryCommit([item]);
            }
            Interlocked.Add(ref _depth, -batch.Count);
        }
    }

    // Runs the items in one transaction; on success completes them all, on failure rolls back and (for a single
    // item) reports the error to its caller.
    bool TryCommit(List<WorkItem> items)
    {
        try
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            var session = new SqlSession(_connection, transaction, _commands);
            foreach (WorkItem item in items) item.Run(session);
            transaction.Commit();
        }
        catch (Exception ex)
        {
            if (items.Count == 1) items[0].Fail(ex);
            return false;
        }
        foreach (WorkItem item in items) item.Complete();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        foreach (SqliteCommand command in _commands.Values) command.Dispose();
        _connection.Dispose();
    }

    abstract class WorkItem
    {
        public abstract void Run(SqlSession session);
        public abstract void Complete();
        public abstract void Fail(Exception ex);
    }

    sealed class WorkItem<T>(Func<SqlSession, T> work) : WorkItem
    {
        readonly TaskCompletionSource<T> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        T _result = default!;
        public Task<T> Task => _tcs.Task;
        public override void Run(SqlSession session) => _result = work(session);
        public override void Complete() => _tcs.TrySetResult(_result);
        public override void Fail(Exception ex) => _tcs.TrySetException(ex);
    }
}
