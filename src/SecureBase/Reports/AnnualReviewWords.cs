namespace SecureBase.Reports;

internal static class AnnualReviewWords
{
    /// <summary>Why a batch has nothing in it, in the school's words.</summary>
    public static string NothingToPrint(AnnualReviewBatch batch) => batch.Due.Count == 0
        ? $"No EHCP pupil's annual review falls in {batch.HalfTerm}, so there are no contributions to download."
        : $"{batch.Due.Count} annual review{(batch.Due.Count == 1 ? " falls" : "s fall")} in {batch.HalfTerm}, but no contribution has been approved yet: the therapist writes and approves each one first.";
}
