using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace LinkKit.Emulator.Registry;

/// <summary>
/// The one writer of the database. Work items queue up and run in batches inside one transaction each ("group
/// commit"): a thousand devices posting every second cost a few commits per second, and every caller's task
/// completes only after its change is on disk. Each item runs inside its own savepoint, so a failing item is
/// rolled back and reported to its caller alone.
/// </summary>
sealed class SqliteWriter : IAsyncDisposable
{
    const int MaxBatch = 512;
    readonly SqliteConnection _connection;
    readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    readonly Task _loop;

    public SqliteWriter(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _loop = Task.Run(LoopAsync);
    }

    public Task<T> RunAsync<T>(Func<SqlSession, T> work)
    {
        var item = new WorkItem<T>(work);
        if (!_queue.Writer.TryWrite(item)) throw new ObjectDisposedException(nameof(SqliteWriter));
        return item.Task;
    }

    public Task RunAsync(Action<SqlSession> work) => RunAsync(s => { work(s); return true; });

    async Task LoopAsync()
    {
        var batch = new List<WorkItem>(MaxBatch);
        var done = new List<WorkItem>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            done.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out WorkItem? item)) batch.Add(item);
            try
            {
                using SqliteTransaction transaction = _connection.BeginTransaction();
                var session = new SqlSession(_connection, transaction, _commands);
                foreach (WorkItem item in batch)
                {
                    session.Execute("SAVEPOINT item");
                    try
                    {
                        item.Run(session);
                        session.Execute("RELEASE item");
                        done.Add(item);
                    }
                    catch (Exception ex)
                    {
                        session.Execute("ROLLBACK TO item");
                        session.Execute("RELEASE item");
                        item.Fail(ex);
                    }
                }
                transaction.Commit();
                foreach (WorkItem item in done) item.Complete();
            }
            catch (Exception ex)
            {
                foreach (WorkItem item in done) item.Fail(ex);
                foreach (WorkItem item in batch) if (!done.Contains(item)) item.Fail(ex);
            }
        }
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
