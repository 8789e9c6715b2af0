using Microsoft.Data.Sqlite;

namespace LinkKit.Emulator.Registry;

/// <summary>A connection (and, for writes, its open transaction) with small helpers for parameterised SQL.</summary>
public sealed class SqlSession(SqliteConnection connection, SqliteTransaction? transaction = null)
{
    public int Execute(string sql, params (string Name, object? Value)[] args)
    {
        using SqliteCommand command = Command(sql, args);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] args)
    {
        using SqliteCommand command = Command(sql, args);
        object? value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] args)
    {
        using SqliteCommand command = Command(sql, args);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    SqliteCommand Command(string sql, (string Name, object? Value)[] args)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach ((string name, object? value) in args) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}

static class ReaderExtensions
{
    public static string? NullableString(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    public static long? NullableInt64(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    public static int? NullableInt32(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
}
