using Microsoft.EntityFrameworkCore;
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
        _add = $"INSERT INTO {table} ({key}, window_minute, {count}) VALUES ({{0}}, {{1}}, 1) "
            + $"ON CONFLICT ({key}, window_minute) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count} AS \"Value\"";
        _forget = $"DELETE FROM {table} WHERE window_minute < {{0}}";
    }

    /// <summary>Adds one to the key's count for the minute and returns it, this one included.</summary>
    public async Task<int> AddAsync(SecureBaseDb db, string key, long minute, CancellationToken ct)
    {
        var count = (await db.Database.SqlQueryRaw<int>(_add, key, minute).ToListAsync(ct)).Single();
        if (count == 1)
        {
            await db.Database.ExecuteSqlRawAsync(_forget, [minute - 60], ct);
        }

        return count;
    }
}
