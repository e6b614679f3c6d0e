using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Timetable;

/// <summary>Where and when a weekly session meets in one version of the timetable.</summary>
public sealed class Placement
{
    private Placement()
    {
    }

    public PlacementId Id { get; private set; }
    public TimetableVersionId VersionId { get; private set; }
    public WeeklySessionId SessionId { get; private set; }
    public DayOfWeek Day { get; private set; }

    /// <summary>The lesson period the session takes, when it was placed in one.</summary>
    public LessonPeriodId? PeriodId { get; private set; }

    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }
    public RoomId RoomId { get; private set; }

    internal static Placement Create(TimetableVersionId version, WeeklySessionId session, DayOfWeek day, LessonPeriodId? period, TimeOnly start, TimeOnly end, RoomId room) => new()
    {
        Id = PlacementId.New(),
        VersionId = version,
        SessionId = session,
        Day = day,
        PeriodId = period,
        Start = start,
        End = end,
        RoomId = room,
    };
}

/// <summary>What a new timetable places: a session, a weekday, a time and a room.</summary>
public sealed record PlacementDetails(WeeklySessionId SessionId, DayOfWeek Day, LessonPeriodId? PeriodId, TimeOnly Start, TimeOnly End, RoomId RoomId);

/// <summary>
/// One accepted timetable. Its placements apply from <see cref="EffectiveFrom"/> until the next
/// version's; versions are numbered 1, 2, 3 per school, so a proposal built on version 4 can tell
/// that someone accepted version 5 in the meantime.
/// </summary>
public sealed class TimetableVersion : ISchoolOwned
{
    private readonly List<Placement> _placements = [];

    private TimetableVersion()
    {
    }

    public TimetableVersionId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public int Number { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }

    /// <summary>The user who accepted it; null for the demo school's first timetable.</summary>
    public Guid? AcceptedBy { get; private set; }

    public DateTime AcceptedAt { get; private set; }
    public IReadOnlyList<Placement> Placements => _placements;

    /// <summary>
    /// The next version after <paramref name="current"/> (null when the school has none yet), from a
    /// date that may not be before the current version's own start. One session is placed once.
    /// </summary>
    public static Result<TimetableVersion> Accept(SchoolId school, TimetableVersion? current, DateOnly from, IEnumerable<PlacementDetails> placements, Guid? by, DateTime nowUtc)
    {
        if (current is not null && from < current.EffectiveFrom)
        {
            return new Error.Validation("EffectiveFrom", $"The new timetable cannot start before the current one ({SchoolDates.Long(current.EffectiveFrom)})");
        }

        var list = placements.ToList();
        var twice = list.GroupBy(p => p.SessionId).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            return new Error.Validation("Placements", "A session is placed twice in the same week");
        }

        if (list.FirstOrDefault(p => p.End <= p.Start) is { } bad)
        {
            return new Error.Validation("Placements", $"A session on {bad.Day} ends before it starts");
        }

        var v = new TimetableVersion
        {
            Id = TimetableVersionId.New(),
            SchoolId = school,
            Number = (current?.Number ?? 0) + 1,
            EffectiveFrom = from,
            AcceptedBy = by,
            AcceptedAt = nowUtc,
        };
        v._placements.AddRange(list.Select(p => Placement.Create(v.Id, p.SessionId, p.Day, p.PeriodId, p.Start, p.End, p.RoomId)));
        return v;
    }
}
