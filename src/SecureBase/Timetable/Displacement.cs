using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Timetable;

/// <summary>Why a session's room was taken (the seed's "pinpoint the reasons for this disruption").</summary>
public enum DisplacementCause
{
    Meeting,
    Exam,
    OtherUse,
    Maintenance,
    Other,
}

/// <summary>What happened to a displaced session.</summary>
public enum DisplacementOutcome
{
    /// <summary>Not yet decided: the head of therapy has a session to re-place.</summary>
    Pending,
    MovedRoom,
    MovedTime,
    Abandoned,

    /// <summary>The booking that took the room was cancelled before anything was moved: the session goes ahead where it was.</summary>
    RoomGivenBack,
}

/// <summary>
/// A session that had to move, or was abandoned, because its room was taken: the evidence a head of
/// therapy takes to senior leaders. It keeps where the session was, so it reads the same after the
/// session has moved.
/// </summary>
public sealed class Displacement : ISchoolOwned
{
    private Displacement()
    {
    }

    public DisplacementId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public OccurrenceId OccurrenceId { get; private set; }
    public RoomId RoomId { get; private set; }
    public DateOnly Date { get; private set; }
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }
    public StaffId StaffId { get; private set; }
    public DisplacementCause Cause { get; private set; }

    /// <summary>Hours between the booking being made and the session's start.</summary>
    public int NoticeHours { get; private set; }

    public Guid BookedBy { get; private set; }

    /// <summary>The room booking that took the room, when there was one.</summary>
    public Guid? BookingId { get; private set; }

    public DisplacementOutcome Outcome { get; private set; }
    public RoomId? MovedToRoom { get; private set; }
    public DateOnly? MovedToDate { get; private set; }
    public TimeOnly? MovedToStart { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }

    public bool IsPending => Outcome == DisplacementOutcome.Pending;

    public static Displacement Record(SessionOccurrence o, DisplacementCause cause, int noticeHours, Guid bookedBy, Guid? bookingId, DateTime nowUtc) => new()
    {
        Id = DisplacementId.New(),
        SchoolId = o.SchoolId,
        OccurrenceId = o.Id,
        RoomId = o.RoomId,
        Date = o.Date,
        Start = o.Start,
        End = o.End,
        StaffId = o.StaffId,
        Cause = cause,
        NoticeHours = Math.Max(0, noticeHours),
        BookedBy = bookedBy,
        BookingId = bookingId,
        Outcome = DisplacementOutcome.Pending,
        RecordedAt = nowUtc,
    };

    /// <summary>
    /// Records what happened, read from where the occurrence now is: moved to another room at the
    /// same time, moved to another time, or abandoned (cancelled).
    /// </summary>
    /// <summary>The booking was cancelled while the session still waited to be moved: it goes ahead in its room.</summary>
    public Outcome GiveBack(DateTime nowUtc)
    {
        if (!IsPending)
        {
            return new Error.Conflict("What happened to this session has already been recorded.");
        }

        Outcome = DisplacementOutcome.RoomGivenBack;
        ResolvedAt = nowUtc;
        return Common.Outcome.Ok;
    }

    public Outcome Resolve(SessionOccurrence occurrence, DateTime nowUtc)
    {
        if (occurrence.Id != OccurrenceId)
        {
            throw new ArgumentException("The occurrence is not the displaced one.", nameof(occurrence));
        }

        if (!IsPending)
        {
            return new Error.Conflict("What happened to this session has already been recorded.");
        }

        if (occurrence.Status == OccurrenceStatus.Cancelled)
        {
            Outcome = DisplacementOutcome.Abandoned;
        }
        else if (occurrence.Date == Date && occurrence.Start == Start && occurrence.RoomId != RoomId)
        {
            Outcome = DisplacementOutcome.MovedRoom;
        }
        else if (occurrence.Date != Date || occurrence.Start != Start)
        {
            Outcome = DisplacementOutcome.MovedTime;
        }
        else
        {
            return new Error.Conflict("The session is still in the room that was taken: move it or cancel it first.");
        }

        if (Outcome != DisplacementOutcome.Abandoned)
        {
            MovedToRoom = occurrence.RoomId;
            MovedToDate = occurrence.Date;
            MovedToStart = occurrence.Start;
        }

        ResolvedAt = nowUtc;
        return Common.Outcome.Ok;
    }
}
