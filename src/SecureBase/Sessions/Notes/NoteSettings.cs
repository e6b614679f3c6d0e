using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Sessions.Notes;

/// <summary>
/// The school's settings for confidential notes. West Heath's exception 4: a therapist may consult
/// colleagues in the therapy team, so where the school allows it a therapist may read a colleague's
/// note (giving a reason before it opens, like any read no relationship explains).
/// </summary>
internal sealed class NoteSettings : ISchoolOwned
{
    private NoteSettings()
    {
    }

    public SchoolId SchoolId { get; private set; }

    /// <summary>Whether therapists may read notes on pupils who are not on their own caseload (team consultation).</summary>
    public bool TeamConsultation { get; private set; }

    public Guid ChangedBy { get; private set; }
    public DateTime ChangedAt { get; private set; }

    public static NoteSettings For(SchoolId school) => new() { SchoolId = school };

    public void Set(bool teamConsultation, Guid by, DateTime now)
    {
        TeamConsultation = teamConsultation;
        ChangedBy = by;
        ChangedAt = now;
    }
}
