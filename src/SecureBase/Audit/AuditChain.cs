using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;

namespace SecureBase.Audit;

/// <summary>
/// The hash chain over the audit log. Each entry's hash is an HMAC-SHA256, under a key kept
/// outside the database, of the previous entry's hash and the entry's own fields; so someone
/// who can edit the database but does not hold the key cannot rewrite history unnoticed.
/// </summary>
internal static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Numbers and hashes new entries under a lock on the chain head, inside the caller's transaction.</summary>
    public static Task SealAsync(SecureBaseDb db, AuditKey key, IReadOnlyList<AuditEntry> pending, CancellationToken ct) =>
        SealAsync(db, key, pending, null, ct);

    /// <summary>
    /// <see cref="SealAsync(SecureBaseDb, AuditKey, IReadOnlyList{AuditEntry}, CancellationToken)"/>; on PostgreSQL, an
    /// update to run first is sent in the same round trip as the head's lock (the school's new stamps: both locks are then
    /// held for one round trip fewer). Returns whether it was run; the caller runs it otherwise.
    /// </summary>
    public static async Task<bool> SealAsync(SecureBaseDb db, AuditKey key, IReadOnlyList<AuditEntry> pending, FormattableString? first, CancellationToken ct)
    {
        // A head this context read for an earlier save is out of date as soon as any other request has written to the
        // log since: forget it, so the head is read afresh (and, on PostgreSQL, locked) for this save. A tracked head is
        // otherwise returned as it was, and the entries would take numbers already used.
        foreach (var earlier in db.ChangeTracker.Entries<AuditChainHead>().ToList())
        {
            earlier.State = EntityState.Detached;
        }

        AuditChainHead head;
        var ranFirst = false;
        if (db.Database.IsNpgsql())
        {
            const string Lock = "SELECT id, last_sequence, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE";
            if (first is not null)
            {
                // Two statements in one command: PostgreSQL runs the update, then the locking read, whose rows are the result.
                var both = System.Runtime.CompilerServices.FormattableStringFactory.Create(first.Format + "; " + Lock, first.GetArguments());
                head = await db.AuditChainHeads.FromSql(both).AsAsyncEnumerable().FirstAsync(ct);
                ranFirst = true;
            }
            else
            {
                head = await db.AuditChainHeads.FromSqlRaw(Lock).AsAsyncEnumerable().FirstAsync(ct);
            }
        }
        else
        {
            // SQLite: the write transaction already holds the database's single write lock.
            head = await db.AuditChainHeads.SingleAsync(h => h.Id == AuditChainHead.SingletonId, ct);
        }

        foreach (var entry in pending)
        {
            entry.Sequence = ++head.LastSequence;
            entry.PreviousHash = head.LastHash;
            entry.Hash = ComputeHash(key, entry);
            head.LastHash = entry.Hash;
        }

        return ranFirst;
    }

    public static string ComputeHash(AuditKey key, AuditEntry e)
    {
        var sb = new StringBuilder(256);
        Field(sb, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(sb, e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(sb, e.UserId?.ToString());
        Field(sb, e.UserName);
        Field(sb, e.Role);
        Field(sb, e.SchoolId?.Value.ToString());
        Field(sb, e.Action);
        Field(sb, e.RecordType);
        Field(sb, e.RecordId);
        Field(sb, e.Reason);
        Field(sb, e.Detail);
        Field(sb, e.PreviousHash);
        var mac = HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(mac);
    }

    // Length-prefixed so that no two different entries can serialise to the same text.
    private static void Field(StringBuilder sb, string? value)
    {
        if (value is null)
        {
            sb.Append("-1:|");
            return;
        }

        sb.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
    }
}

/// <summary>The secret key for the audit chain's HMAC. All instances of one installation share it.</summary>
public sealed class AuditKey(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes.Length >= 32 ? bytes : throw new ArgumentException("The audit key must be at least 32 bytes.", nameof(bytes));

    /// <summary>A key for another purpose (the witness file's seal), so one secret serves both without a line of one passing for the other.</summary>
    internal byte[] Derive(string purpose) => HMACSHA256.HashData(Bytes, Encoding.UTF8.GetBytes(purpose));

    /// <summary>
    /// From configuration (base64) when given, otherwise from <c>audit-chain.key</c> in the data
    /// folder, created on first start. Losing this file means the chain can no longer be verified:
    /// back it up with the database.
    /// </summary>
    public static AuditKey Load(string? configured, string dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AuditKey(Convert.FromBase64String(configured));
        }

        var path = Path.Combine(dataFolder, "audit-chain.key");
        if (File.Exists(path))
        {
            return new AuditKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }

        Directory.CreateDirectory(dataFolder);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new AuditKey(key);
    }
}
