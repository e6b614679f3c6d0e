using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SecureBase.Data;

namespace SecureBase.Tests.Support;

/// <summary>SQL straight at a test database, as someone with database access (and not the application) would run it.</summary>
public static class RawSql
{
    public static async Task<int> ExecAsync(TestDatabase db, string sql)
    {
        await using var conn = Open(db);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(TestDatabase db, string sql)
    {
        await using var conn = Open(db);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    public static async Task<List<string[]>> RowsAsync(TestDatabase db, string sql)
    {
        await using var conn = Open(db);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        }

        return rows;
    }

    /// <summary>Lets the test edit or delete audit entries, as an attacker with full database access could.</summary>
    public static Task DisableAuditProtectionAsync(TestDatabase db) => ExecAsync(db, db.Provider == DatabaseProvider.Postgres
        ? "ALTER TABLE audit_entries DISABLE TRIGGER USER"
        : "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;");

    private static DbConnection Open(TestDatabase db) =>
        db.Provider == DatabaseProvider.Postgres ? new NpgsqlConnection(db.ConnectionString) : new SqliteConnection(db.ConnectionString);
}
