using Microsoft.Data.Sqlite;

namespace LinkKit.Emulator.Registry;

/// <summary>
/// A connection (and, for writes, its open transaction) with small helpers for parameterised SQL. With a
/// <paramref name="commandCache"/> (the writer's long-lived connection) each statement is prepared once and reused.
/// </summary>
public sealed class SqlSession(SqliteConnection connection, SqliteTransaction? transaction = null,
    Dictionary<string, SqliteCommand>? commandCache = null)
{
    public int Execute(string sql, params (string Name, object? Value)[] args)
    {
        SqliteCommand command = Command(sql, args);
        try { return command.ExecuteNonQuery(); }
        finally { Release(command); }
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] args)
    {
        SqliteCommand command = Command(sql, args);
        try
        {
            object? value = command.ExecuteScalar();
            return value is DBNull ? null : value;
        }
        finally { Release(command); }
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] args)
    {
        SqliteCommand command = Command(sql, args);
        try
        {
            using SqliteDataReader reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(map(reader));
            return rows;
        }
        finally { Release(command); }
    }

    SqliteCommand Command(string sql, (string Name, object? Value)[] args)
    {
        SqliteCommand? command = null;
        if (commandCache == null || !commandCache.TryGetValue(sql, out command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commandCache?.Add(sql, command);
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach ((string name, object? value) in args) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    void Release(SqliteCommand command)
    {
        if (commandCache == null) command.Dispose();
    }
}

static class ReaderExtensions
{
    public static string? NullableString(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    public static long? NullableInt64(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    public static int? NullableInt32(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
}
