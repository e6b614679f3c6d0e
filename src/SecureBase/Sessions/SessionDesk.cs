using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Timetable;

namespace SecureBase.Sessions;

/// <summary>Names of session changes in the audit log.</summary>
public static class SessionAuditActions
{
    public const string Recorded = "session.recorded";
    public const string Corrected = "session.corrected";
    public const string AddedOnTheDay = "session.added";
}

/// <summary>One pupil's line of a recorded session as the pages and API show it.</summary>
public sealed record MemberView(PupilId PupilId, string? Name, EpisodeId EpisodeId, Attendance Attendance, Engagement? Engagement, int Minutes);

/// <summary>
/// One line of a practitioner's week: a timetabled occurrence (recorded or "to record") or a session
/// added on the day. Pupils' names are null for a user who does not see the caseload.
/// </summary>
public sealed record SessionRow(
    OccurrenceId? OccurrenceId,
    TherapySessionId? SessionId,
    SessionKind Kind,
    DateOnly Date,
    TimeOnly Start,
    TimeOnly End,
    string? RoomName,
    StaffId StaffId,
    string StaffName,
    Staff.Discipline Discipline,
    IReadOnlyList<PupilId> PupilIds,
    IReadOnlyList<string>? PupilNames,
    DisplacementId? DisplacementId,
    IReadOnlyList<MemberView> Members,
    Guid? Stamp)
{
    public bool IsRecorded => SessionId is not null;

    /// <summary>"2 attended, 1 refused": the attendance summary of a recorded session.</summary>
    public string AttendanceSummary => string.Join(", ", Members.GroupBy(m => m.Attendance).OrderBy(g => g.Key)
        .Select(g => Members.Count == 1 ? SessionWords.Of(g.Key) : $"{g.Count()} {SessionWords.Of(g.Key).ToLowerInvariant()}"));
}

/// <summary>
/// A practitioner's week: their sessions Monday to Friday (or, for a page of it, the rows of that page), and how many
/// sessions the week has in all.
/// </summary>
public sealed record SessionWeek(DateOnly Monday, DateOnly Today, TimeOnly Now, StaffId? Practitioner, IReadOnlyList<SessionRow> Rows, int Total = 0)
{
    /// <summary>Not started yet (a later day, or later today): nothing to record, as the record form says of it.</summary>
    public bool IsComingUp(SessionRow row) => row.Date > Today || (row.Date == Today && row.Start > Now);
}

/// <summary>What the record form needs: the occurrence, the pupils it is for, and the record if there is one.</summary>
public sealed record RecordingForm(SessionRow Row, IReadOnlyList<ExpectedPupil> Pupils, bool CanRecord, bool InFuture);

/// <summary>A session added on the day (drop-in or crisis) for one pupil on the practitioner's own caseload.</summary>
public sealed record AdHocSession(PupilId PupilId, SessionKind Kind, DateOnly Date, TimeOnly Start, int Minutes, RoomId? RoomId, Attendance Attendance, Engagement? Engagement);

/// <summary>
/// Recording therapy sessions, as the pages and the API use it: the week's occurrences from the
/// timetable and sessions added on the day, each recorded once (two people recording at once: one
/// wins, the other is told plainly), corrected with the stamp the corrector saw, each save audited.
/// A practitioner records their own sessions; the Head of Therapy any. Reading follows the policy
/// table: the school for the Head of Therapy, otherwise sessions the user delivers or of pupils
/// whose open episode they hold.
/// </summary>
public sealed class SessionDesk(SecureBaseDb db, CurrentUser me, AuditLog audit, TimeProvider clock, Schools.SchoolClock schoolClock, TimetableWeek timetable)
{
    private static readonly Error SessionNotFound = new Error.NotFound("That session was not found.");

    public bool SeesEveryone => me.ScopeFor(SchoolAction.ViewSessions).HasFlag(Scope.School);
    public bool RecordsAny => me.ScopeFor(SchoolAction.RecordSessions).HasFlag(Scope.School);

    /// <summary>The school's date and time of day now.</summary>
    public (DateOnly Today, TimeOnly Now) Now
    {
        get
        {
            var local = schoolClock.LocalNow;
            return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        }
    }

    /// <summary>The practitioners whose weeks the user may choose (the Head of Therapy: everyone with sessions or a caseload).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> PractitionersAsync(CancellationToken ct)
    {
        if (!SeesEveryone)
        {
            return [];
        }

        var staff = await WeekReads.Practitioners.For(db)(db).ToListAsync(ct);
        return staff.Select(s => (s.Id.Value, $"{s.FirstName} {s.LastName}")).ToList();
    }

    /// <summary>
    /// How many sessions one page of the week shows: a practitioner's week (about a dozen) fits on one; everyone's week at
    /// a large school (hundreds) goes page by page, earliest first.
    /// </summary>
    public const int PageSize = 50;

    /// <summary>
    /// The week of <paramref name="day"/>: the occurrences from the timetable that are not cancelled and
    /// the sessions added on the day. Someone who sees everyone chooses the practitioner (or sees all);
    /// anyone else sees the sessions they deliver. All of them, or with <paramref name="page"/> that page of
    /// <see cref="PageSize"/> (kept between the first and the last; only its rows are named and shown, so a large
    /// school's week costs little more than a small one's).
    /// </summary>
    public async Task<SessionWeek> WeekAsync(DateOnly day, StaffId? practitioner, CancellationToken ct, int? page = null)
    {
        var (today, now) = Now;
        var monday = SchoolDates.MondayOf(day);
        var friday = monday.AddDays(4);
        if (!SeesEveryone)
        {
            practitioner = me.StaffId;
            if (practitioner is null)
            {
                return new SessionWeek(monday, today, now, null, []);
            }
        }

        // The week's occurrences (when and whose only) and the sessions added on the day (not on the timetable), put in the
        // order shown (the occurrence's or session's id last, so that each row is on exactly one page); then only the rows
        // shown are read in full, with their records, displacements and names: everyone's week in a large school is hundreds.
        var keys = await timetable.KeysBetweenAsync(monday, friday, practitioner, ct);
        var adHoc = await WeekReads.AddedOnTheDay.For(db)(db, monday, friday, practitioner is not null, practitioner ?? default).ToListAsync(ct);
        var staffNames = await StaffNamesAsync(adHoc.Select(s => s.StaffId), ct);
        var ordered = keys.Select(o => (o.Date, o.Start, o.StaffName, Key: o.Id.Value, Occurrence: (OccurrenceId?)o.Id, Session: (TherapySession?)null))
            .Concat(adHoc.Select(s => (s.Date, s.Start, StaffName: staffNames.GetValueOrDefault(s.StaffId) ?? "", Key: s.Id.Value, Occurrence: (OccurrenceId?)null, Session: (TherapySession?)s)))
            .OrderBy(e => e.Date).ThenBy(e => e.Start).ThenBy(e => e.StaffName).ThenBy(e => e.Key).ToList();
        var shown = page is { } requested && Paging.Of(requested, ordered.Count, PageSize) is var p ? ordered.Skip(p.Skip).Take(p.Size).ToList() : ordered;

        var occurrences = (await timetable.ByIdsAsync(shown.Select(e => e.Occurrence).OfType<OccurrenceId>().ToList(), ct)).ToDictionary(o => o.View.Id);
        var occurrenceIds = occurrences.Keys.ToList();
        var byOccurrence = occurrenceIds.Count == 0 ? []
            : (await WeekReads.Recorded.For(db)(db, occurrenceIds).ToListAsync(ct)).ToDictionary(s => s.OccurrenceId!.Value);
        var roomNames = await RoomNamesAsync(shown.Select(e => e.Session?.RoomId).OfType<RoomId>(), ct);
        // (An occurrence cancelled or removed between the two reads is left out.)
        var rows = shown.Where(e => e.Occurrence is null || occurrences.ContainsKey(e.Occurrence.Value)).Select(e =>
        {
            if (e.Occurrence is not { } id)
            {
                return ToRow(e.Session!, staffNames, roomNames);
            }

            var o = occurrences[id];
            return TimetabledRow(o, byOccurrence.GetValueOrDefault(id));
        }).ToList();
        return new SessionWeek(monday, today, now, practitioner, await NameAsync(rows, ct), ordered.Count);
    }

    /// <summary>A recorded session the user's scope reaches, or null.</summary>
    public async Task<SessionRow?> GetAsync(TherapySessionId id, CancellationToken ct)
    {
        var s = await db.TherapySessions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? null : await RowAsync(s, ct);
    }

    /// <summary>
    /// A session record in hand (one this request has just saved is not read again) as <see cref="GetAsync"/> shows it;
    /// null if the user's scope does not reach it.
    /// </summary>
    public async Task<SessionRow?> RowAsync(TherapySession s, CancellationToken ct)
    {
        if (!await ReachesAsync(s.StaffId, s.Members.Select(m => m.PupilId), ct))
        {
            return null;
        }

        SessionRow row;
        if (s.OccurrenceId is { } occurrenceId && await OccurrenceRowAsync(occurrenceId, ct, s) is { } fromTimetable)
        {
            row = fromTimetable;
        }
        else
        {
            row = ToRow(s, await StaffNamesAsync([s.StaffId], ct), await RoomNamesAsync(s.RoomId is { } r ? [r] : [], ct));
        }

        return (await NameAsync([row], ct))[0];
    }

    /// <summary>The record form of an occurrence the user's scope reaches (null: not found).</summary>
    public async Task<RecordingForm?> FormAsync(OccurrenceId occurrenceId, CancellationToken ct)
    {
        var row = await OccurrenceRowAsync(occurrenceId, ct);
        if (row is null || !await ReachesAsync(row.StaffId, row.PupilIds, ct))
        {
            return null;
        }

        var occurrence = await db.SessionOccurrences.AsNoTracking().SingleAsync(o => o.Id == occurrenceId, ct);
        var weekly = await db.WeeklySessions.AsNoTracking().SingleAsync(w => w.Id == occurrence.SessionId, ct);
        var (today, now) = Now;
        var expected = await ExpectAsync(weekly.Pupils.Select(p => (p.PupilId, p.EpisodeId)), today, now, ct);
        var pupils = expected.Pupils.ToList();

        // A corrected record keeps the pupils it was recorded for, even if one has since left the group.
        foreach (var m in row.Members.Where(m => pupils.All(p => p.PupilId != m.PupilId)))
        {
            pupils.Add(new ExpectedPupil(m.PupilId, m.EpisodeId, m.Name ?? "A pupil", true));
        }

        var named = (await NameAsync([row], ct))[0];
        var inFuture = occurrence.Date > today || (occurrence.Date == today && occurrence.Start > now);
        return new RecordingForm(named, pupils, CanRecord(row.StaffId), inFuture);
    }

    /// <summary>
    /// Records an occurrence, or corrects its record when <paramref name="stamp"/> is given (the stamp
    /// the corrector saw). Two people recording the same occurrence at once: one wins, the other is
    /// told someone else recorded it, and nothing of theirs is saved.
    /// </summary>
    public async Task<Result<TherapySession>> RecordAsync(OccurrenceId occurrenceId, int? minutes, IReadOnlyList<MemberRecording> members, Guid? stamp, CancellationToken ct)
    {
        // Tracked: the timetable's handler of the recording keeps this occurrence as held, and finds it here unread.
        var occurrence = await db.SessionOccurrences.SingleOrDefaultAsync(o => o.Id == occurrenceId, ct);
        if (occurrence is null || !await ReachesAsync(occurrence.StaffId, [], ct, occurrence.SessionId))
        {
            return SessionNotFound;
        }

        if (!CanRecord(occurrence.StaffId))
        {
            return new Error.Conflict("Only the practitioner who delivers this session, or the Head of Therapy, can record it.");
        }

        if (occurrence.Status == OccurrenceStatus.Cancelled)
        {
            return new Error.Conflict("This session was cancelled on the timetable, so there is nothing to record.");
        }

        var existing = await db.TherapySessions.SingleOrDefaultAsync(s => s.OccurrenceId == occurrenceId, ct);
        if (existing is not null)
        {
            if (stamp is not { } seen)
            {
                return new Error.Conflict("Someone else has already recorded this session; nothing was changed. Open it again to see their record and correct it if needed.");
            }

            return await CorrectLoadedAsync(existing, seen, minutes, members, ct);
        }

        if (stamp is not null)
        {
            return new Error.Conflict("This session's record was not found to correct; nothing was changed. Open it again.");
        }

        var weekly = await db.WeeklySessions.AsNoTracking().SingleAsync(w => w.Id == occurrence.SessionId, ct);
        var (today, now) = Now;
        var expected = await ExpectAsync(weekly.Pupils.Select(p => (p.PupilId, p.EpisodeId)), today, now, ct);
        var displacement = await db.Displacements.AsNoTracking().Where(d => d.OccurrenceId == occurrenceId).OrderByDescending(d => d.RecordedAt).Select(d => (DisplacementId?)d.Id).FirstOrDefaultAsync(ct);
        var length = (int)(occurrence.End - occurrence.Start).TotalMinutes;
        var recorded = TherapySession.Record(db.CurrentSchoolId, occurrence.StaffId, weekly.Discipline, SessionKind.Timetabled, occurrence.Id,
            occurrence.Date, occurrence.Start, minutes ?? length, occurrence.RoomId, displacement, members, expected, me.UserId, clock.GetUtcNow().UtcDateTime);
        if (!recorded.IsSuccess)
        {
            return recorded.Error!;
        }

        db.TherapySessions.Add(recorded.Value);
        audit.Record(SessionAuditActions.Recorded, nameof(TherapySession), recorded.Value.Id.ToString(), detail: Describe(recorded.Value));
        return await SaveAsync(recorded.Value, ct);
    }

    /// <summary>Corrects a recorded session with the stamp the corrector saw.</summary>
    public async Task<Result<TherapySession>> CorrectAsync(TherapySessionId id, Guid stamp, int? minutes, IReadOnlyList<MemberRecording> members, CancellationToken ct)
    {
        var session = await db.TherapySessions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (session is null || !await ReachesAsync(session.StaffId, session.Members.Select(m => m.PupilId), ct))
        {
            return SessionNotFound;
        }

        if (!CanRecord(session.StaffId))
        {
            return new Error.Conflict("Only the practitioner who delivered this session, or the Head of Therapy, can correct it.");
        }

        return await CorrectLoadedAsync(session, stamp, minutes, members, ct);
    }

    /// <summary>A drop-in or crisis session for one pupil on the practitioner's own caseload (their open episode).</summary>
    public async Task<Result<TherapySession>> AddAsync(AdHocSession input, CancellationToken ct)
    {
        if (input.Kind == SessionKind.Timetabled)
        {
            return new Error.Validation("Kind", "Choose drop-in or crisis session");
        }

        if (me.StaffId is not { } staff)
        {
            return new Error.Validation("PupilId", "Only a practitioner can add a session they held");
        }

        var episode = await db.Episodes.AsNoTracking().Where(e => e.PupilId == input.PupilId && e.StaffId == staff && e.Status == EpisodeStatus.Open)
            .OrderByDescending(e => e.StartDate).FirstOrDefaultAsync(ct);
        if (episode is null)
        {
            return new Error.Validation("PupilId", "Choose a pupil on your own caseload");
        }

        if (input.RoomId is { } room && !await db.Rooms.AnyAsync(r => r.Id == room, ct))
        {
            return new Error.Validation("RoomId", "Choose a room from the list");
        }

        var (today, now) = Now;
        var expected = await ExpectAsync([(episode.PupilId, episode.Id)], today, now, ct);
        var recorded = TherapySession.Record(db.CurrentSchoolId, staff, episode.Discipline, input.Kind, null, input.Date, input.Start, input.Minutes, input.RoomId, null,
            [new MemberRecording(input.PupilId, input.Attendance, input.Engagement, null)], expected, me.UserId, clock.GetUtcNow().UtcDateTime);
        if (!recorded.IsSuccess)
        {
            return recorded.Error!;
        }

        db.TherapySessions.Add(recorded.Value);
        audit.Record(SessionAuditActions.AddedOnTheDay, nameof(TherapySession), recorded.Value.Id.ToString(), detail: $"{input.Kind}: {Describe(recorded.Value)}");
        return await SaveAsync(recorded.Value, ct);
    }

    /// <summary>Pupils on the user's own caseload (their open episodes), for a session added on the day.</summary>
    public async Task<IReadOnlyList<(PupilId Id, string Name)>> OwnCaseloadAsync(CancellationToken ct)
    {
        if (me.StaffId is not { } staff)
        {
            return [];
        }

        var rows = await (from e in db.Episodes
                          join p in db.Pupils on e.PupilId equals p.Id
                          where e.StaffId == staff && e.Status == EpisodeStatus.Open
                          select new { p.Id, F = p.PreferredFirstName ?? p.LegalFirstName, L = p.PreferredLastName ?? p.LegalLastName }).ToListAsync(ct);
        return rows.DistinctBy(r => r.Id).OrderBy(r => r.L).ThenBy(r => r.F).Select(r => (r.Id, $"{r.F} {r.L}")).ToList();
    }

    public async Task<IReadOnlyList<(RoomId Id, string Name)>> RoomsAsync(CancellationToken ct) =>
        (await db.Rooms.AsNoTracking().OrderBy(r => r.Name).Select(r => new { r.Id, r.Name }).ToListAsync(ct)).Select(r => (r.Id, r.Name)).ToList();

    private bool CanRecord(StaffId deliveredBy) => RecordsAny || (me.Can(SchoolAction.RecordSessions) && me.StaffId == deliveredBy);

    private async Task<Result<TherapySession>> CorrectLoadedAsync(TherapySession session, Guid stamp, int? minutes, IReadOnlyList<MemberRecording> members, CancellationToken ct)
    {
        var (today, now) = Now;
        IEnumerable<(PupilId, EpisodeId)> pupils = session.Members.Select(m => (m.PupilId, m.EpisodeId));
        var expected = await ExpectAsync(pupils, today, now, ct, keepClosed: true);
        var corrected = session.Correct(stamp, session.Start, minutes ?? session.Minutes, session.RoomId, members, expected, me.UserId, clock.GetUtcNow().UtcDateTime);
        if (!corrected.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return corrected.Error!;
        }

        audit.Record(SessionAuditActions.Corrected, nameof(TherapySession), session.Id.ToString(), detail: Describe(session));
        return await SaveAsync(session, ct);
    }

    private async Task<Result<TherapySession>> SaveAsync(TherapySession session, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return session;
        }
        catch (DbUpdateException e) when (DbConflicts.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            return new Error.Conflict("Someone else recorded or changed this session at the same moment; nothing of yours was saved. Open it again to see their record.");
        }
    }

    /// <summary>
    /// The pupils a session is for, through their OPEN episodes (a correction also keeps members whose
    /// episode has since closed): name by the name they are known by, and whether they have been shown
    /// the confidentiality statement.
    /// </summary>
    private async Task<SessionExpectation> ExpectAsync(IEnumerable<(PupilId Pupil, EpisodeId Episode)> members, DateOnly today, TimeOnly now, CancellationToken ct, bool keepClosed = false)
    {
        var list = members.ToList();
        var episodeIds = list.Select(m => m.Episode).ToList();
        var episodes = await db.Episodes.AsNoTracking().Where(e => episodeIds.Contains(e.Id) && (keepClosed || e.Status == EpisodeStatus.Open))
            .ToDictionaryAsync(e => e.Id, ct);
        var pupilIds = list.Select(m => m.Pupil).ToList();
        var names = await db.Pupils.AsNoTracking().Where(p => pupilIds.Contains(p.Id))
            .Select(p => new { p.Id, F = p.PreferredFirstName ?? p.LegalFirstName, L = p.PreferredLastName ?? p.LegalLastName }).ToDictionaryAsync(p => p.Id, p => $"{p.F} {p.L}", ct);
        var expected = list.Where(m => episodes.ContainsKey(m.Episode) && names.ContainsKey(m.Pupil))
            .Select(m => new ExpectedPupil(m.Pupil, m.Episode, names[m.Pupil], episodes[m.Episode].ConfidentialityExplainedOn != null))
            .ToList();
        return new SessionExpectation(expected, today, now);
    }

    /// <summary>
    /// Whether the user's ViewSessions scope reaches a session: the school; the practitioner who delivers
    /// it; a practitioner holding an open episode of one of its pupils.
    /// </summary>
    private async Task<bool> ReachesAsync(StaffId deliveredBy, IEnumerable<PupilId> pupils, CancellationToken ct, WeeklySessionId? weekly = null)
    {
        var scope = me.ScopeFor(SchoolAction.ViewSessions) | me.ScopeFor(SchoolAction.RecordSessions);
        if (scope.HasFlag(Scope.School))
        {
            return true;
        }

        if (scope == Scope.None || me.StaffId is not { } self)
        {
            return false;
        }

        if (deliveredBy == self)
        {
            return true;
        }

        var ids = pupils.ToList();
        if (weekly is { } w)
        {
            ids.AddRange((await db.WeeklySessions.AsNoTracking().SingleAsync(x => x.Id == w, ct)).Pupils.Select(p => p.PupilId));
        }

        return ids.Count > 0 && await db.Episodes.AnyAsync(e => ids.Contains(e.PupilId) && e.StaffId == self && e.Status == EpisodeStatus.Open, ct);
    }

    /// <summary>An occurrence as a row, with its record: <paramref name="record"/> when the caller has it in hand, else read.</summary>
    private async Task<SessionRow?> OccurrenceRowAsync(OccurrenceId occurrenceId, CancellationToken ct, TherapySession? record = null)
    {
        // Cancelled or not, with its room, practitioner, discipline, pupils and latest displacement, in one query.
        if ((await timetable.ByIdsAsync([occurrenceId], ct)).SingleOrDefault() is not { } read)
        {
            return null;
        }

        return TimetabledRow(read, record ?? await db.TherapySessions.AsNoTracking().SingleOrDefaultAsync(x => x.OccurrenceId == occurrenceId, ct));
    }

    /// <summary>
    /// An occurrence as a row with its record (null: not recorded yet): the pupils recorded, or else the timetable's; the
    /// occurrence's latest displacement, or else the one the record was made after.
    /// </summary>
    private static SessionRow TimetabledRow(OccurrenceWithDisplacement read, TherapySession? s)
    {
        var o = read.View;
        return new SessionRow(o.Id, s?.Id, SessionKind.Timetabled, o.Date, o.Start, o.End, o.RoomName, o.StaffId, o.StaffName, o.Discipline,
            s is null ? o.PupilIds : s.Members.Select(m => m.PupilId).ToList(), null, read.LatestDisplacement ?? s?.DisplacementId,
            s is null ? [] : s.Members.Select(m => new MemberView(m.PupilId, null, m.EpisodeId, m.Attendance, m.Engagement, m.Minutes)).ToList(), s?.Stamp);
    }

    private static SessionRow ToRow(TherapySession s, IReadOnlyDictionary<StaffId, string> staff, IReadOnlyDictionary<RoomId, string> rooms) =>
        new(s.OccurrenceId, s.Id, s.Kind, s.Date, s.Start, s.Start.AddMinutes(s.Minutes), s.RoomId is { } r ? rooms.GetValueOrDefault(r) : null,
            s.StaffId, staff.GetValueOrDefault(s.StaffId) ?? "", s.Discipline, s.Members.Select(m => m.PupilId).ToList(), null, s.DisplacementId,
            s.Members.Select(m => new MemberView(m.PupilId, null, m.EpisodeId, m.Attendance, m.Engagement, m.Minutes)).ToList(), s.Stamp);

    /// <summary>Names the pupils of each row for a user who sees the caseload the session belongs to.</summary>
    private async Task<List<SessionRow>> NameAsync(IReadOnlyList<SessionRow> rows, CancellationToken ct)
    {
        var caseload = me.ScopeFor(SchoolAction.ViewCaseload);
        var everyone = caseload.HasFlag(Scope.School);
        var self = me.StaffId;
        var ids = rows.SelectMany(r => r.PupilIds).Distinct().ToList();
        // Whose caseload the pupils are on matters only to someone who does not see the whole school's.
        var mine = !everyone && caseload != Scope.None && self is { } s
            ? (await db.Episodes.AsNoTracking().Where(e => ids.Contains(e.PupilId) && e.StaffId == s && e.Status == EpisodeStatus.Open).Select(e => e.PupilId).ToListAsync(ct)).ToHashSet()
            : [];
        var names = await Pupils.PupilNames.NamesOfAsync(db, ids, ct);
        return rows.Select(r =>
        {
            var named = everyone || (caseload != Scope.None && r.StaffId == self) || r.PupilIds.All(mine.Contains);
            if (!named)
            {
                return r;
            }

            return r with
            {
                PupilNames = r.PupilIds.Select(p => names.GetValueOrDefault(p) ?? "A pupil").ToList(),
                Members = r.Members.Select(m => m with { Name = names.GetValueOrDefault(m.PupilId) }).ToList(),
            };
        }).ToList();
    }

    private async Task<Dictionary<StaffId, string>> StaffNamesAsync(IEnumerable<StaffId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
        {
            return [];
        }

        return await db.StaffMembers.AsNoTracking().Where(s => list.Contains(s.Id)).Select(s => new { s.Id, Name = s.FirstName + " " + s.LastName })
            .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
    }

    private async Task<Dictionary<RoomId, string>> RoomNamesAsync(IEnumerable<RoomId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
        {
            return [];
        }

        return await db.Rooms.AsNoTracking().Where(r => list.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
    }

    private static string Describe(TherapySession s) =>
        $"{s.Date:yyyy-MM-dd} {s.Minutes} min; " + string.Join(", ", s.Members.Select(m => $"{m.PupilId}: {m.Attendance}"));
}

/// <summary>
/// The sessions week's reads, compiled once: the week is read on every visit, and EF's building and preparing of these
/// LINQ queries (six of the page's nine; the pupils' names are the Pupils module's, compiled there) was a measurable share of its CPU. The school's query filter applies as in any query.
/// </summary>
internal static class WeekReads
{
    public sealed record PractitionerRead(StaffId Id, string FirstName, string LastName);

    /// <summary>The staff who deliver sessions or hold episodes (the week's choice of practitioner), by name.</summary>
    public static readonly PerModel<Func<SecureBaseDb, IAsyncEnumerable<PractitionerRead>>> Practitioners = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db) => db.StaffMembers.AsNoTracking()
            .Where(s => s.LeftOn == null && (db.WeeklySessions.Any(w => w.StaffId == s.Id) || db.Episodes.Any(e => e.StaffId == s.Id)))
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName)
            .Select(s => new PractitionerRead(s.Id, s.FirstName, s.LastName))));

    /// <summary>Sessions added on the day (not on the timetable) between two dates: everyone's, or one practitioner's.</summary>
    public static readonly PerModel<Func<SecureBaseDb, DateOnly, DateOnly, bool, StaffId, IAsyncEnumerable<TherapySession>>> AddedOnTheDay = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, DateOnly first, DateOnly last, bool byStaff, StaffId staff) => db.TherapySessions.AsNoTracking()
            .Where(s => s.OccurrenceId == null && s.Date >= first && s.Date <= last && (!byStaff || s.StaffId == staff))));

    /// <summary>The records of these occurrences.</summary>
    public static readonly PerModel<Func<SecureBaseDb, List<OccurrenceId>, IAsyncEnumerable<TherapySession>>> Recorded = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, List<OccurrenceId> ids) => db.TherapySessions.AsNoTracking().Where(s => s.OccurrenceId != null && ids.Contains(s.OccurrenceId.Value))));
}
