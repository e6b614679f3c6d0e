using Microsoft.EntityFrameworkCore;

namespace SecureBase.Data;

/// <summary>
/// For pages that run many small reads (the home page's task lists, the board): keeps the request's SQLite
/// connection open instead of letting EF open and close it around every query, where each open also runs
/// the connection's pragmas (<see cref="SqlitePragmas"/>). PostgreSQL is left alone: its pooled opens are
/// cheap, and holding a pooled connection for a whole request would make requests queue for the pool.
/// </summary>
internal static class DbRequestConnection
{
    /// <summary>Opens the connection when it is SQLite's and not open yet; true when it did (the caller may close it, or leave it to the end of the request).</summary>
    public static async Task<bool> KeepOpenAsync(SecureBaseDb db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite() || db.Database.GetDbConnection().State == System.Data.ConnectionState.Open)
        {
            return false;
        }

        await db.Database.OpenConnectionAsync(ct);
        return true;
    }
}
