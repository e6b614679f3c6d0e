using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Timetable;

/// <summary>Where one dated meeting of a weekly session stands.</summary>
public enum OccurrenceStatus
{
    /// <summary>Where the timetable put it.</summary>
    Planned,

    /// <summary>Moved by hand or by a repair to another time or room.</summary>
    Moved,

    /// <summary>Not happening (the reason says why).</summary>
    Cancelled,
}

/// <summary>
/// One dated meeting of a weekly session. Each week is its own row from the date a placement takes
/// effect, so one week can be moved, cancelled or displaced without touching the others. A row
/// changed by hand is an exception: changing the series later never overwrites it.
/// </summary>
public sealed class SessionOccurrence : ISchoolOwned
{
    public const int CancelReasonMaxLength = 300;

    private SessionOccurrence()
    {
    }

    public OccurrenceId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public WeeklySessionId SessionId { get; private set; }
    public StaffId StaffId { get; private set; }

    /// <summary>The timetable version that generated it.</summary>
    public TimetableVersionId VersionId { get; private set; }

    /// <summary>The date the series put it on; with the session, it identifies the week's meeting.</summary>
    public DateOnly OriginalDate { get; private set; }

    public DateOnly Date { get; private set; }
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }
    public RoomId RoomId { get; private set; }
    public OccurrenceStatus Status { get; private set; }
    public bool IsException { get; private set; }
    public string? CancelReason { get; private set; }

    /// <summary>Changed each time the row changes, so that two people moving it at once cannot both succeed.</summary>
    public Guid Stamp { get; private set; }

    internal static SessionOccurrence Plan(SchoolId school, TimetableVersionId version, WeeklySession session, DateOnly date, Placement placement) => new()
    {
        Id = OccurrenceId.New(),
        SchoolId = school,
        SessionId = session.Id,
        StaffId = session.StaffId,
        VersionId = version,
        OriginalDate = date,
        Date = date,
        Start = placement.Start,
        End = placement.End,
        RoomId = placement.RoomId,
        Status = OccurrenceStatus.Planned,
        Stamp = Guid.NewGuid(),
    };

    public Outcome MoveTo(DateOnly date, TimeOnly start, TimeOnly end, RoomId room)
    {
        if (Status == OccurrenceStatus.Cancelled)
        {
            return new Error.Conflict("This session was cancelled; it cannot be moved.");
        }

        if (end <= start)
        {
            return new Error.Validation("End", $"The session ends ({SchoolDates.Time(end)}) before it starts ({SchoolDates.Time(start)})");
        }

        if (SchoolDates.MondayOf(date) != SchoolDates.MondayOf(OriginalDate))
        {
            return new Error.Validation("Date", "A session can be moved to another day of the same week only");
        }

        Date = date;
        Start = start;
        End = end;
        RoomId = room;
        Status = OccurrenceStatus.Moved;
        IsException = true;
        Stamp = Guid.NewGuid();
        return Outcome.Ok;
    }

    /// <summary>The session was held and recorded: the week's row is kept as it is whatever later happens to the series.</summary>
    internal void KeepAsHeld() => IsException = true;

    public Outcome Cancel(string reason)
    {
        reason = reason.Trim();
        if (Status == OccurrenceStatus.Cancelled)
        {
            return new Error.Conflict("This session has already been cancelled.");
        }

        if (reason.Length == 0)
        {
            return new Error.Validation("Reason", "Say why the session is cancelled");
        }

        if (reason.Length > CancelReasonMaxLength)
        {
            return new Error.Validation("Reason", $"The reason can be at most {CancelReasonMaxLength} characters");
        }

        Status = OccurrenceStatus.Cancelled;
        CancelReason = reason;
        IsException = true;
        Stamp = Guid.NewGuid();
        return Outcome.Ok;
    }
}
