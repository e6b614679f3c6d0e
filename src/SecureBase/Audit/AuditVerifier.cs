using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;

namespace SecureBase.Audit;

/// <summary>The result of checking the audit chain, worded for a head of therapy.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBadSequence, string Message);

/// <summary>
/// Walks the whole chain in order and reports the first place it is broken; then checks that the
/// chain still holds every head witnessed outside the database (<see cref="AuditWitness"/>).
/// </summary>
internal static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(SecureBaseDb db, AuditKey key, AuditWitness? witness = null, CancellationToken ct = default)
    {
        // The witness first: a line written after the log is read could name an entry the reading does not reach.
        var reading = witness is null ? null : await witness.ReadAsync(ct);

        // The chain's record and its entries as of one moment. On a running installation other requests commit entries
        // while the log is read; read in two statements without a snapshot, entries committed between them looked like
        // entries added behind the record's back ("the log has been tampered with").
        await using var snapshot = await Snapshot.BeginAsync(db, ct);
        return await VerifyReadingAsync(db, key, reading, ct);
    }

    private static async Task<AuditVerification> VerifyReadingAsync(SecureBaseDb db, AuditKey key, WitnessReading? reading, CancellationToken ct)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, ct);
        if (head is null)
        {
            return new(false, 0, null, "The audit log's chain record is missing, so deletions cannot be ruled out.");
        }

        var witnessed = new Dictionary<long, WitnessedHead>();
        WitnessedHead? latestWitness = null;
        foreach (var w in reading?.Heads.Where(h => h.Chain == AuditWitness.GlobalChain && h.Sequence > 0) ?? [])
        {
            if (witnessed.TryGetValue(w.Sequence, out var other) && !string.Equals(other.Hash, w.Hash, StringComparison.Ordinal))
            {
                return Broken(0, w.Sequence, $"The witness file records two different entries numbered {N(w.Sequence)}: one of them does not come from this audit log.");
            }

            witnessed.TryAdd(w.Sequence, w);
            if (latestWitness is null || w.Sequence > latestWitness.Sequence)
            {
                latestWitness = w;
            }
        }

        long expected = 1;
        var previous = AuditChain.Genesis;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Sequence != expected)
            {
                return e.Sequence > expected
                    ? Broken(expected - 1, expected, e.Sequence == expected + 1
                        ? $"Entry {N(expected)} is missing: the log jumps from entry {N(expected - 1)} to entry {N(e.Sequence)}."
                        : $"Entries {N(expected)} to {N(e.Sequence - 1)} are missing: the log jumps from entry {N(expected - 1)} to entry {N(e.Sequence)}.")
                    : Broken(expected - 1, e.Sequence, $"Entry {N(e.Sequence)} appears out of order.");
            }

            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
            {
                return Broken(expected - 1, e.Sequence, $"Entry {N(e.Sequence)} no longer follows entry {N(e.Sequence - 1)}: an entry has been replaced or removed.");
            }

            if (!string.Equals(AuditChain.ComputeHash(key, e), e.Hash, StringComparison.Ordinal))
            {
                return Broken(expected - 1, e.Sequence, $"Entry {N(e.Sequence)} ({e.Action}, {e.At:yyyy-MM-dd HH:mm} UTC) has been altered since it was written.");
            }

            if (witnessed.TryGetValue(e.Sequence, out var seen) && !string.Equals(seen.Hash, e.Hash, StringComparison.Ordinal))
            {
                return Broken(expected - 1, e.Sequence, $"Entry {N(e.Sequence)} is not the entry witnessed there on {When(seen.At)}: "
                    + "the entries from there on were removed and the log was written again.");
            }

            previous = e.Hash;
            expected++;
        }

        var checkedCount = expected - 1;
        if (head.LastSequence != checkedCount || !string.Equals(head.LastHash, previous, StringComparison.Ordinal))
        {
            return head.LastSequence > checkedCount
                ? Broken(checkedCount, checkedCount + 1, $"The log ends at entry {N(checkedCount)} but {N(head.LastSequence)} entries were written: the latest entries have been deleted.")
                : Broken(checkedCount, head.LastSequence + 1, "The log's chain record does not match its last entry: the log has been tampered with.");
        }

        if (latestWitness is not null && latestWitness.Sequence > checkedCount)
        {
            return Broken(checkedCount, checkedCount + 1, checkedCount == 0
                ? $"The log is empty but entry {N(latestWitness.Sequence)} was witnessed on {When(latestWitness.At)}: the log has been emptied."
                : $"The log ends at entry {N(checkedCount)} but entry {N(latestWitness.Sequence)} was witnessed on {When(latestWitness.At)}: the latest entries have been deleted.");
        }

        if (reading is { BrokenLines.Count: > 0 })
        {
            return Broken(checkedCount, null, $"Line {N(reading.BrokenLines[0])} of the witness file ({AuditWitness.FileName} in the data folder) has been altered: its seal does not match.");
        }

        var intact = checkedCount == 0
            ? "The audit log is empty and intact."
            : $"The audit log is intact: {N(checkedCount)} entries, each unchanged and in order.";
        return new(true, checkedCount, null, intact + " " + WitnessNote(reading, latestWitness));
    }

    // Says how far back a deletion of the latest entries would have been noticed.
    private static string WitnessNote(WitnessReading? reading, WitnessedHead? latest) => reading switch
    {
        null => "",
        { FileExists: false } => $"No witness of its end was found ({AuditWitness.FileName} in the data folder), so the removal of the latest entries cannot be ruled out.",
        _ when latest is null => "No entry has been witnessed yet, so the removal of the latest entries cannot be ruled out.",
        _ => $"It still holds every witnessed entry, the latest being entry {N(latest.Sequence)} on {When(latest.At)}; entries written after that are not yet witnessed.",
    };

    private static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static AuditVerification Broken(long checkedCount, long? bad, string message) => new(false, checkedCount, bad, message);

    /// <summary>
    /// A read-only transaction whose statements all see the database as of its first read: PostgreSQL's repeatable read;
    /// on SQLite a deferred transaction (in WAL mode a reader keeps its snapshot and writers go on). None when the caller
    /// is already in a transaction. Rolled back at the end: it writes nothing.
    /// </summary>
    private sealed class Snapshot : IAsyncDisposable
    {
        private readonly SecureBaseDb _db;
        private readonly System.Data.Common.DbTransaction? _sqlite;
        private readonly Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _transaction;
        private readonly bool _opened;

        private Snapshot(SecureBaseDb db, System.Data.Common.DbTransaction? sqlite, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, bool opened) =>
            (_db, _sqlite, _transaction, _opened) = (db, sqlite, transaction, opened);

        public static async Task<Snapshot> BeginAsync(SecureBaseDb db, CancellationToken ct)
        {
            if (db.Database.CurrentTransaction is not null)
            {
                return new Snapshot(db, null, null, false);
            }

            if (db.Database.IsNpgsql())
            {
                return new Snapshot(db, null, await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct), false);
            }

            var opened = await DbRequestConnection.KeepOpenAsync(db, ct);
            var sqlite = ((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
            return new Snapshot(db, sqlite, await db.Database.UseTransactionAsync(sqlite, ct), opened);
        }

        public async ValueTask DisposeAsync()
        {
            if (_transaction is not null)
            {
                await _transaction.RollbackAsync();
                await _transaction.DisposeAsync();
            }

            if (_sqlite is not null)
            {
                await _db.Database.UseTransactionAsync(null);
                await _sqlite.DisposeAsync();
            }

            if (_opened)
            {
                await _db.Database.CloseConnectionAsync();
            }
        }
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));
}
