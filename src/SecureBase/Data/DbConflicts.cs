using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SecureBase.Data;

/// <summary>
/// Recognises a save refused because another request changed the same records first: a row
/// version that moved on, or a unique index (the same closure day, the same form twice) that the
/// other request filled. The transaction is rolled back, so nothing of this request was saved.
/// </summary>
public static class DbConflicts
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static bool IsConflict(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                    return true;
                case SqliteException { SqliteErrorCode: SqliteConstraint } sqlite:
                    return sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;
                case PostgresException postgres:
                    return postgres.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure;
            }
        }

        return false;
    }
}

/// <summary>What kind of moment the database is having when a request fails on it.</summary>
public enum DbTrouble
{
    None,

    /// <summary>Not reachable for a moment (PostgreSQL restarting, the network, a busy SQLite file): try again.</summary>
    Unavailable,

    /// <summary>The disk is full: nothing was saved, and nothing will be until space is made.</summary>
    DiskFull,
}

/// <summary>Recognises a failure of the database itself, as opposed to a bug: the user is told plainly and asked to try again.</summary>
public static class DbFaults
{
    private const int SqliteFull = 13;

    public static DbTrouble Classify(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteFull }:
                    return DbTrouble.DiskFull;
                case PostgresException { SqlState: PostgresErrorCodes.DiskFull }:
                    return DbTrouble.DiskFull;
                case PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections }:
                    return DbTrouble.Unavailable;
                case System.Data.Common.DbException { IsTransient: true }:
                    return DbTrouble.Unavailable;
                case NpgsqlException when e.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException:
                    return DbTrouble.Unavailable;
            }
        }

        return DbTrouble.None;
    }
}
