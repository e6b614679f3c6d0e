using System.ComponentModel.DataAnnotations;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Timetable;
using SecureBase.Web;

namespace SecureBase.Sessions;

/// <summary>One pupil's line of a session: attendance, engagement (if they came), minutes. The name only for those who see the caseload.</summary>
public sealed record SessionMemberDto(PupilId PupilId, string? Name, EpisodeId EpisodeId, Attendance Attendance, string AttendanceText, Engagement? Engagement, int Minutes);

/// <summary>A session of the week: from the timetable (recorded or not) or added on the day; the stamp is what a correction sends back.</summary>
public sealed record SessionDto(
    TherapySessionId? Id, OccurrenceId? OccurrenceId, SessionKind Kind, DateOnly Date, TimeOnly Start, TimeOnly End, string? Room,
    StaffId StaffId, string Practitioner, Discipline Discipline, IReadOnlyList<PupilId> PupilIds, IReadOnlyList<string>? Pupils,
    bool Recorded, string? Attendance, DisplacementId? DisplacementId, IReadOnlyList<SessionMemberDto> Members, Guid? Stamp);

/// <summary>A week of sessions.</summary>
public sealed record SessionWeekDto(DateOnly Monday, StaffId? StaffId, IReadOnlyList<SessionDto> Sessions);

/// <summary>What happened for one pupil, as sent to the API.</summary>
public sealed class MemberInput
{
    [Display(Name = "the pupil")]
    [Needed]
    public PupilId? PupilId { get; set; }

    public Attendance? Attendance { get; set; }
    public Engagement? Engagement { get; set; }

    [Range(0, TherapySession.MaxMinutes)]
    public int? Minutes { get; set; }
}

/// <summary>A session's record as sent to the API: each pupil's line, the length (default: the session's) and, to correct, the stamp seen.</summary>
public sealed class RecordSessionInput
{
    [Display(Name = "each pupil's attendance")]
    [Needed]
    public List<MemberInput>? Members { get; set; }

    [Range(1, TherapySession.MaxMinutes)]
    public int? Minutes { get; set; }

    /// <summary>The stamp of the record being corrected (leave out to record a session for the first time).</summary>
    public Guid? Stamp { get; set; }
}

/// <summary>A correction of a recorded session: the stamp seen is required.</summary>
public sealed class CorrectSessionInput
{
    [Display(Name = "each pupil's attendance")]
    [Needed]
    public List<MemberInput>? Members { get; set; }

    [Range(1, TherapySession.MaxMinutes)]
    public int? Minutes { get; set; }

    [Display(Name = "the stamp of the record you are correcting")]
    [Needed]
    public Guid? Stamp { get; set; }
}

/// <summary>A drop-in or crisis session for one pupil on the practitioner's caseload, as sent to the API.</summary>
public sealed class AdHocSessionInput
{
    [Display(Name = "the pupil")]
    [Needed]
    public PupilId? PupilId { get; set; }

    [Display(Name = "the kind of session (DropIn or Crisis)")]
    [Needed]
    public SessionKind? Kind { get; set; }

    [Display(Name = "the date")]
    [Needed]
    public DateOnly? Date { get; set; }

    [Display(Name = "the time it started")]
    [Needed]
    public TimeOnly? Start { get; set; }

    [Display(Name = "the minutes")]
    [Needed]
    public int? Minutes { get; set; }

    public RoomId? RoomId { get; set; }

    [Display(Name = "the attendance")]
    [Needed]
    public Attendance? Attendance { get; set; }

    public Engagement? Engagement { get; set; }
}

/// <summary>Sessions and attendance over the API, under the same policy table and rules as the pages.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/sessions").WithTags("Sessions");
        g.MapGet("/", WeekAsync).Permits(SchoolAction.ViewSessions)
            .WithSummary("The week's sessions (week=yyyy-mm-dd, any day of it; default this week): the practitioner's own, or anyone's for the Head of Therapy (staffId)");
        g.MapGet("/{sessionId:guid}", GetAsync).Permits(SchoolAction.ViewSessions)
            .WithSummary("A recorded session with each pupil's attendance, engagement and minutes, and the stamp a correction sends back");
        g.MapPost("/occurrences/{occurrenceId:guid}/record", RecordAsync).Permits(SchoolAction.RecordSessions)
            .WithSummary("Records a timetabled session: each pupil's attendance (and engagement if they came), minutes. Already recorded by someone else: 409; a stale stamp: 409; in the future or a pupil not in the session: 400; nothing is changed");
        g.MapPut("/{sessionId:guid}", CorrectAsync).Permits(SchoolAction.RecordSessions)
            .WithSummary("Corrects a recorded session with the stamp you saw; someone else changed it meanwhile: 409 and nothing is changed");
        g.MapPost("/", AddAsync).Permits(SchoolAction.RecordSessions)
            .WithSummary("Adds a drop-in or crisis session for a pupil on your own caseload (not in the future)");
        return api;
    }

    private static async Task<IResult> WeekAsync(string? week, Guid? staffId, SessionDesk desk, CancellationToken ct)
    {
        var (today, _) = desk.Now;
        var day = today;
        if (week is not null && !SchoolDates.TryParseDate(week, out day))
        {
            return new Error.Validation("week", "Write the week as yyyy-mm-dd").ToProblem();
        }

        var w = await desk.WeekAsync(day, staffId is { } s ? StaffId.From(s) : null, ct);
        return TypedResults.Ok(new SessionWeekDto(w.Monday, w.Practitioner, w.Rows.Select(ToDto).ToList()));
    }

    private static async Task<IResult> GetAsync(TherapySessionId sessionId, SessionDesk desk, CancellationToken ct) =>
        await desk.GetAsync(sessionId, ct) is { } row ? TypedResults.Ok(ToDto(row)) : new Error.NotFound("That session was not found.").ToProblem();

    private static async Task<IResult> RecordAsync(OccurrenceId occurrenceId, RecordSessionInput body, SessionDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var saved = await desk.RecordAsync(occurrenceId, body.Minutes, Members(body.Members!), body.Stamp, ct);
        return saved.IsSuccess ? await ReadBackAsync(saved.Value, desk, created: true, ct) : saved.Error!.ToProblem();
    }

    private static async Task<IResult> CorrectAsync(TherapySessionId sessionId, CorrectSessionInput body, SessionDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var saved = await desk.CorrectAsync(sessionId, body.Stamp!.Value, body.Minutes, Members(body.Members!), ct);
        return saved.IsSuccess ? await ReadBackAsync(saved.Value, desk, created: false, ct) : saved.Error!.ToProblem();
    }

    private static async Task<IResult> AddAsync(AdHocSessionInput body, SessionDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var saved = await desk.AddAsync(new AdHocSession(body.PupilId!.Value, body.Kind!.Value, body.Date!.Value, body.Start!.Value, body.Minutes!.Value, body.RoomId, body.Attendance!.Value, body.Engagement), ct);
        return saved.IsSuccess ? await ReadBackAsync(saved.Value, desk, created: true, ct) : saved.Error!.ToProblem();
    }

    private static async Task<IResult> ReadBackAsync(TherapySession saved, SessionDesk desk, bool created, CancellationToken ct)
    {
        var id = saved.Id;
        var row = await desk.RowAsync(saved, ct);
        var dto = row is null ? null : ToDto(row);
        return created ? TypedResults.Created($"/api/v1/sessions/{id}", dto) : TypedResults.Ok(dto);
    }

    private static List<MemberRecording> Members(IEnumerable<MemberInput> members) =>
        members.Select(m => new MemberRecording(m.PupilId!.Value, m.Attendance, m.Engagement, m.Minutes)).ToList();

    private static SessionDto ToDto(SessionRow r) => new(
        r.SessionId, r.OccurrenceId, r.Kind, r.Date, r.Start, r.End, r.RoomName, r.StaffId, r.StaffName, r.Discipline, r.PupilIds, r.PupilNames,
        r.IsRecorded, r.IsRecorded ? r.AttendanceSummary : null, r.DisplacementId,
        r.Members.Select(m => new SessionMemberDto(m.PupilId, m.Name, m.EpisodeId, m.Attendance, SessionWords.Of(m.Attendance), m.Engagement, m.Minutes)).ToList(), r.Stamp);
}
