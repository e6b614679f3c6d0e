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
