namespace SecureBase.Imports;

/// <summary>The three lists a school's information system exports and SecureBase imports.</summary>
public enum ImportKind
{
    Pupils,
    Carers,
    Staff,
}

internal static class ImportKinds
{
    /// <summary>"pupils", "parents and carers", "staff": how the office speaks of each file.</summary>
    public static string Name(ImportKind kind) => kind switch
    {
        ImportKind.Pupils => "pupils",
        ImportKind.Carers => "parents and carers",
        ImportKind.Staff => "staff",
    };

    /// <summary>"Pupils", "Parents and carers", "Staff": at the start of a line or a table row.</summary>
    public static string Title(ImportKind kind) => char.ToUpperInvariant(Name(kind)[0]) + Name(kind)[1..];

    public static string FileStem(ImportKind kind) => kind switch
    {
        ImportKind.Pupils => "pupils",
        ImportKind.Carers => "carers",
        ImportKind.Staff => "staff",
    };
}

/// <summary>One uploaded file.</summary>
public sealed record ImportFile(ImportKind Kind, string FileName, byte[] Content);

/// <summary>
/// Choices the office makes for an import. <see cref="MissingPupilsHaveLeft"/> marks every current
/// pupil whose UPN is not in the pupils file as having left today: off unless asked for.
/// </summary>
public sealed record ImportOptions(bool MissingPupilsHaveLeft = false);

/// <summary>A rejected line of a file and everything wrong with it, in plain words.</summary>
public sealed record RowProblem(int Line, IReadOnlyList<string> Reasons);

/// <summary>Something the office should know about a line that was not rejected (e.g. a pupil who has left).</summary>
public sealed record RowNote(int Line, string Message);

/// <summary>How many records an import adds, changes and leaves as they were.</summary>
public sealed record ImportCounts(int New, int Updated, int Unchanged)
{
    public static ImportCounts Zero { get; } = new(0, 0, 0);
}

/// <summary>A pupil the import marks as having left (the "pupils not in this file have left" option).</summary>
public sealed record LeavingPupil(string Upn, string Name, string YearGroup);

/// <summary>
/// What an import of one file did, or would do: counts, every rejected line with its reasons, notes,
/// and problems with the file as a whole (not UTF-8, a missing column) that stop it being read.
/// </summary>
public sealed record ImportFileReport(
    ImportKind Kind,
    string FileName,
    int Rows,
    ImportCounts Records,
    ImportCounts? Links,
    IReadOnlyList<LeavingPupil> MarkedLeft,
    IReadOnlyList<RowProblem> Rejects,
    IReadOnlyList<RowNote> Notes,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> IgnoredColumns)
{
    public bool IsRejected => Problems.Count > 0 || Rejects.Count > 0;

    public int Changes => Records.New + Records.Updated + (Links is null ? 0 : Links.New + Links.Updated) + MarkedLeft.Count;
}

/// <summary>
/// The outcome of an import. Imports are all or nothing: when any line of any file is rejected,
/// nothing is imported and every reject is listed, so the office can correct the file and try again.
/// </summary>
public sealed record ImportReport(bool Imported, bool DryRun, IReadOnlyList<ImportFileReport> Files)
{
    public bool IsRejected => Files.Any(f => f.IsRejected);

    public int RejectCount => Files.Sum(f => f.Rejects.Count);

    /// <summary>A line for the audit log and the page's notice: counts only, never names.</summary>
    public string Summary => string.Join("; ", Files.Select(f =>
        $"{ImportKinds.Name(f.Kind)}: {f.Records.New} new, {f.Records.Updated} updated, {f.Records.Unchanged} unchanged"
        + (f.Links is { } l ? $" (links to pupils: {l.New} new, {l.Updated} updated, {l.Unchanged} unchanged)" : "")
        + (f.Kind == ImportKind.Pupils ? $", {f.MarkedLeft.Count} marked as left" : "")));
}
