using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using SecureBase.Data;

namespace SecureBase.Identity;

/// <summary>
/// Counts per key per clock minute in a table of (key, <c>window_minute</c>, count), kept in the database so that every
/// application instance behind a load balancer sees the same count: the sign-in limit's attempts per network address
/// and the API clients' requests per client. Each count is one atomic upsert that returns the new count; the key's
/// first count in a minute forgets the minutes more than an hour old.
/// </summary>
internal sealed class MinuteCounts
{
    public static readonly MinuteCounts SignInAttempts = new("sign_in_attempts", "address", "attempts");
    public static readonly MinuteCounts ApiClientRequests = new("api_client_requests", "client_id", "requests");

    private readonly string _add;
    private readonly string _forget;

    private MinuteCounts(string table, string key, string count)
    {
        _add = $"INSERT INTO {table} ({key}, window_minute, {count}) VALUES (@key, @minute, 1) "
            + $"ON CONFLICT ({key}, window_minute) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}";
        _forget = $"DELETE FROM {table} WHERE window_minute < @minute";
    }

    /// <summary>
    /// Adds one to the key's count for the minute and returns it, this one included. Sent as a plain command on the
    /// context's connection (and transaction, if any): it runs before every call an API client makes, and EF's composing
    /// of a raw SQL query was a measurable share of a call's work.
    /// </summary>
    public async Task<int> AddAsync(SecureBaseDb db, string key, long minute, CancellationToken ct)
    {
        var database = db.Database;
        var opened = database.GetDbConnection().State != ConnectionState.Open;
        if (opened)
        {
            await database.OpenConnectionAsync(ct);
        }

        try
        {
            var count = Convert.ToInt32(await RunAsync(database, _add, ct, ("key", key), ("minute", minute)), CultureInfo.InvariantCulture);
            if (count == 1)
            {
                await RunAsync(database, _forget, ct, ("minute", minute - 60));
            }

            return count;
        }
        finally
        {
            if (opened)
            {
                await database.CloseConnectionAsync();
            }
        }
    }

    private static async Task<object?> RunAsync(DatabaseFacade database, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // The SQL is this class's own, built from its constant table and column names; the values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteScalarAsync(ct);
    }
}
