using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Rooms;
using SecureBase.Staff;

namespace SecureBase.Timetable;

/// <summary>A pupil in a weekly session, through the episode of therapy that put them there.</summary>
public sealed record WeeklySessionPupil(PupilId PupilId, EpisodeId EpisodeId);

/// <summary>
/// A session to timetable every week: one practitioner with one pupil (the default for an open
/// episode: "1:1 in planned 45 minute sessions once a week with the same therapists") or a group of
/// pupils of one site. The timetable places it; each week's meeting is a <see cref="SessionOccurrence"/>.
/// </summary>
public sealed class WeeklySession : ISchoolOwned
{
    public const int DefaultMinutes = 45;
    public const int MinMinutes = 15;
    public const int MaxMinutes = 120;

    private readonly List<WeeklySessionPupil> _pupils = [];

    private WeeklySession()
    {
    }

    public WeeklySessionId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public StaffId StaffId { get; private set; }
    public SiteId SiteId { get; private set; }
    public Discipline Discipline { get; private set; }
    public int Minutes { get; private set; }
    public List<RoomFeature> RequiredFeatures { get; private set; } = [];
    public IReadOnlyList<WeeklySessionPupil> Pupils => _pupils;
    public bool IsGroup => IsGroupOf(_pupils.Count);

    /// <summary>Whether a weekly session with this many pupils is a group (for reads that count its pupils without loading it).</summary>
    public static bool IsGroupOf(int pupils) => pupils > 1;

    /// <summary>The last day the session runs; null while it goes on.</summary>
    public DateOnly? EndedOn { get; private set; }

    public bool IsRunningOn(DateOnly date) => EndedOn is not { } end || date <= end;

    /// <summary>The default weekly session of an open episode: 45 minutes 1:1 with its practitioner.</summary>
    public static WeeklySession ForEpisode(SchoolId school, SiteId site, StaffId staff, Discipline discipline, PupilId pupil, EpisodeId episodeId, IEnumerable<RoomFeature> requires)
    {
        var s = new WeeklySession
        {
            Id = WeeklySessionId.New(),
            SchoolId = school,
            SiteId = site,
            StaffId = staff,
            Discipline = discipline,
            Minutes = DefaultMinutes,
            RequiredFeatures = requires.Distinct().Order().ToList(),
        };
        s._pupils.Add(new WeeklySessionPupil(pupil, episodeId));
        return s;
    }

    public Outcome ChangeLength(int minutes)
    {
        if (minutes < MinMinutes || minutes > MaxMinutes)
        {
            return new Error.Validation("Minutes", $"A session lasts between {MinMinutes} and {MaxMinutes} minutes");
        }

        Minutes = minutes;
        return Outcome.Ok;
    }

    public void RequireFeatures(IEnumerable<RoomFeature> features) => RequiredFeatures = features.Distinct().Order().ToList();

    /// <summary>Adds a pupil to make (or grow) a group; the group is of one practitioner, discipline and site.</summary>
    public Outcome AddPupil(PupilId pupil, EpisodeId episodeId, SiteId pupilSite)
    {
        if (pupilSite != SiteId)
        {
            return new Error.Validation("PupilId", "Everyone in a group session must be at the same site");
        }

        if (_pupils.Any(p => p.PupilId == pupil))
        {
            return new Error.Conflict("This pupil is already in the session.");
        }

        _pupils.Add(new WeeklySessionPupil(pupil, episodeId));
        return Outcome.Ok;
    }

    /// <summary>Takes a pupil out (their episode ended); a session left with nobody ends.</summary>
    public void RemovePupil(PupilId pupil, DateOnly lastDay)
    {
        _pupils.RemoveAll(p => p.PupilId == pupil);
        if (_pupils.Count == 0)
        {
            End(lastDay);
        }
    }

    public void End(DateOnly lastDay) => EndedOn ??= lastDay;
}
