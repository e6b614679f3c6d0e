using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;

namespace SecureBase.Audit;

/// <summary>The result of checking the audit chain, worded for a head of therapy.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBadSequence, string Message);

/// <summary>Walks the whole chain in order and reports the first place it is broken.</summary>
internal static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(SecureBaseDb db, AuditKey key, CancellationToken ct = default)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, ct);
        if (head is null)
        {
            return new(false, 0, null, "The audit log's chain record is missing, so deletions cannot be ruled out.");
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

        return new(true, checkedCount, null, checkedCount == 0
            ? "The audit log is empty and intact."
            : $"The audit log is intact: {N(checkedCount)} entries, each unchanged and in order.");
    }

    private static AuditVerification Broken(long checkedCount, long bad, string message) => new(false, checkedCount, bad, message);

    private static string N(long n) => n.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));
}
