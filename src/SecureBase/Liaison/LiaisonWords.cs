using SecureBase.Sessions;

namespace SecureBase.Liaison;

internal static class LiaisonWords
{
    /// <summary>"Tuesday 9 December, 10:00–10:45 with Sam Jones in the Nest".</summary>
    public static string Appointment(FamilySessionLine a) =>
        $"{a.Date:dddd d MMMM}, {a.Start:HH\\:mm}–{a.End:HH\\:mm} with {a.Practitioner}" + (a.Room is { } room ? $" in {room}" : "");

    public static string Status(FamilySummary s) => s.IsApproved
        ? $"Version {s.Version}, approved by {s.ApprovedByName}: the family can read it"
        : $"Version {s.Version}, a draft: only the therapy team can read it";
}
