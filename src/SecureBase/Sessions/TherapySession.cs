using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Sessions;

/// <summary>What happened for one pupil at one session (PRODUCT.md C8's attendance codes).</summary>
public enum Attendance
{
    Attended,

    /// <summary>The pupil was in school and chose not to come: the only code the 6-week rule counts.</summary>
    Refused,

    /// <summary>The pupil was not in school that day.</summary>
    PupilAbsent,

    CancelledBySchool,
    CancelledByTherapist,

    /// <summary>The room was taken (a displacement record says by what).</summary>
    DisplacedFromRoom,
}

/// <summary>How the pupil engaged, on a short scale with words for each point.</summary>
public enum Engagement
{
    NotAtAll = 1,
    ALittle = 2,
    Partly = 3,
    Mostly = 4,
    Fully = 5,
}

/// <summary>Where a session came from: the weekly timetable, or added on the day.</summary>
public enum SessionKind
{
    Timetabled,

    /// <summary>A pupil came to the practitioner's drop-in.</summary>
    DropIn,

    /// <summary>Seen at once because something happened.</summary>
    Crisis,
}

/// <summary>The words the school uses for attendance, engagement and kinds of session.</summary>
public static class SessionWords
{
    public static string Of(Attendance a) => a switch
    {
        Attendance.Attended => "Attended",
        Attendance.Refused => "Refused",
        Attendance.PupilAbsent => "Absent from school",
        Attendance.CancelledBySchool => "Cancelled by school",
        Attendance.CancelledByTherapist => "Cancelled by therapist",
        Attendance.DisplacedFromRoom => "Displaced from room",
    };

    public static string Of(Engagement e) => e switch
    {
        Engagement.NotAtAll => "1 – Did not engage",
        Engagement.ALittle => "2 – Engaged a little",
        Engagement.Partly => "3 – Partly engaged",
        Engagement.Mostly => "4 – Mostly engaged",
        Engagement.Fully => "5 – Fully engaged",
    };

    public static string Of(SessionKind k) => k switch
    {
        SessionKind.Timetabled => "Timetabled session",
        SessionKind.DropIn => "Drop-in",
        SessionKind.Crisis => "Crisis session",
    };

    /// <summary>Whether the pupil was with the practitioner (the session counts as delivered).</summary>
    public static bool WasSeen(Attendance a) => a == Attendance.Attended;
}

/// <summary>
/// One pupil's part in a session: their episode, their attendance, how they engaged and for how long.
/// In a group each member has their own.
/// </summary>
public sealed record SessionMember(PupilId PupilId, EpisodeId EpisodeId, Attendance Attendance, Engagement? Engagement, int Minutes) : IPartOfSessionRecord;

/// <summary>A pupil a session is for, and what the recorder says happened for them.</summary>
public sealed record MemberRecording(PupilId PupilId, Attendance? Attendance, Engagement? Engagement, int? Minutes);

/// <summary>
/// The facts a recording is checked against: the pupils the session is for (with their episode and
/// whether they have been shown the confidentiality statement), the day and time now in the school.
/// </summary>
public sealed record SessionExpectation(IReadOnlyList<ExpectedPupil> Pupils, DateOnly Today, TimeOnly TimeNow);

/// <summary>A pupil a session is for, through their open episode.</summary>
public sealed record ExpectedPupil(PupilId PupilId, EpisodeId EpisodeId, string Name, bool ConfidentialityExplained);

/// <summary>A session was recorded (or its attendance corrected): the 6-week rule, EHCP delivery and the MDT agenda follow.</summary>
public sealed record SessionRecorded(TherapySessionId SessionId, StaffId StaffId, DateOnly Date, IReadOnlyList<SessionMember> Members, Timetable.OccurrenceId? OccurrenceId = null) : ISchoolEvent;

/// <summary>
/// A therapy session as it was held (or not): a week's timetabled occurrence or a session added on
/// the day, with each pupil's attendance, engagement and minutes. One record per timetabled
/// occurrence: two people recording the same session at once cannot both succeed.
/// </summary>
public sealed class TherapySession : RaisesEvents, ISchoolOwned, IPartOfSessionRecord
{
    public const int MaxMinutes = 240;

    private readonly List<SessionMember> _members = [];

    private TherapySession()
    {
    }

    public TherapySessionId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public StaffId StaffId { get; private set; }
    public Discipline Discipline { get; private set; }
    public SessionKind Kind { get; private set; }

    /// <summary>The timetable's occurrence this records; null for a drop-in or crisis session.</summary>
    public Timetable.OccurrenceId? OccurrenceId { get; private set; }

    public DateOnly Date { get; private set; }
    public TimeOnly Start { get; private set; }
    public int Minutes { get; private set; }
    public RoomId? RoomId { get; private set; }

    /// <summary>The displacement that took the room, when the session was displaced.</summary>
    public Timetable.DisplacementId? DisplacementId { get; private set; }

    public IReadOnlyList<SessionMember> Members => _members;

    /// <summary>
    /// More than one pupil was recorded in it. Kept as a column, set whenever the members are, so that the EHCP list's
    /// count of delivered group and individual sessions need not count each session's members again on every read.
    /// </summary>
    public bool IsGroup { get; private set; }

    public Guid RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }

    /// <summary>Changed on every change, so two people correcting a record at once cannot both succeed.</summary>
    public Guid Stamp { get; private set; }

    /// <summary>
    /// Records a session: every pupil it is for gets an attendance (and, if they came, how they
    /// engaged); nobody it is not for may be recorded; a session in the future cannot be; a pupil
    /// cannot be recorded as having attended before they were shown the confidentiality statement.
    /// </summary>
    public static Result<TherapySession> Record(
        SchoolId school, StaffId staff, Discipline discipline, SessionKind kind, Timetable.OccurrenceId? occurrence,
        DateOnly date, TimeOnly start, int minutes, RoomId? room, Timetable.DisplacementId? displacement,
        IReadOnlyList<MemberRecording> recorded, SessionExpectation expected, Guid by, DateTime now)
    {
        var session = new TherapySession
        {
            Id = TherapySessionId.New(),
            SchoolId = school,
            StaffId = staff,
            Discipline = discipline,
            Kind = kind,
            OccurrenceId = occurrence,
            DisplacementId = displacement,
        };
        var changed = session.Apply(date, start, minutes, room, recorded, expected, by, now);
        return changed.IsSuccess ? session : changed.Error!;
    }

    /// <summary>Corrects a recorded session; <paramref name="stamp"/> is the one the corrector saw.</summary>
    public Outcome Correct(Guid stamp, TimeOnly start, int minutes, RoomId? room, IReadOnlyList<MemberRecording> recorded, SessionExpectation expected, Guid by, DateTime now)
    {
        if (stamp != Stamp)
        {
            return new Error.Conflict("Someone else changed this session while you were recording it; nothing was changed. Look at it again.");
        }

        return Apply(Date, start, minutes, room, recorded, expected, by, now);
    }

    private Outcome Apply(DateOnly date, TimeOnly start, int minutes, RoomId? room, IReadOnlyList<MemberRecording> recorded, SessionExpectation expected, Guid by, DateTime now)
    {
        var errors = new List<FieldError>();
        if (date > expected.Today || (date == expected.Today && start > expected.TimeNow))
        {
            return new Error.Validation("Date", "This session has not happened yet; record it once it has");
        }

        if (minutes < 1 || minutes > MaxMinutes)
        {
            errors.Add(new FieldError("Minutes", $"A session lasts between 1 and {MaxMinutes} minutes"));
        }

        var members = new List<SessionMember>();
        var expectedById = expected.Pupils.ToDictionary(p => p.PupilId);
        if (recorded.Any(r => !expectedById.ContainsKey(r.PupilId)))
        {
            return new Error.Validation("PupilId", "A pupil who is not in this session cannot be recorded in it");
        }

        foreach (var pupil in expected.Pupils)
        {
            var r = recorded.FirstOrDefault(x => x.PupilId == pupil.PupilId);
            if (r?.Attendance is not { } attendance)
            {
                errors.Add(new FieldError($"Attendance[{pupil.PupilId}]", $"Choose whether {pupil.Name} attended"));
                continue;
            }

            if (attendance == Attendance.Attended && !pupil.ConfidentialityExplained)
            {
                errors.Add(new FieldError($"Attendance[{pupil.PupilId}]", $"Show {pupil.Name} the confidentiality statement and record it before their first session is recorded as attended"));
                continue;
            }

            if (attendance == Attendance.Attended && r.Engagement is null)
            {
                errors.Add(new FieldError($"Engagement[{pupil.PupilId}]", $"Choose how {pupil.Name} engaged"));
                continue;
            }

            var own = attendance == Attendance.Attended ? r.Minutes ?? minutes : 0;
            if (own < 0 || own > minutes)
            {
                errors.Add(new FieldError($"Minutes[{pupil.PupilId}]", $"{pupil.Name}'s minutes are between 0 and the session's {minutes}"));
                continue;
            }

            members.Add(new SessionMember(pupil.PupilId, pupil.EpisodeId, attendance, attendance == Attendance.Attended ? r.Engagement : null, own));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        Date = date;
        Start = start;
        Minutes = minutes;
        RoomId = room;
        _members.Clear();
        _members.AddRange(members);
        IsGroup = members.Count > 1;
        RecordedBy = by;
        RecordedAt = now;
        Stamp = Guid.NewGuid();
        Raise(new SessionRecorded(Id, StaffId, Date, members, OccurrenceId));
        return Outcome.Ok;
    }
}
