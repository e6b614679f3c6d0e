using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Timetable;

namespace SecureBase.Caseload;

/// <summary>A pupil's classroom strategies as the user may see them: every one for a practitioner, the shared ones for a teacher.</summary>
internal sealed record PupilStrategies(PupilId PupilId, string Pupil, bool SeesAll, bool CanWrite, bool InTherapy, IReadOnlyList<ClassroomStrategy> Strategies);

/// <summary>One time a pupil the teacher teaches leaves a lesson for therapy: never which therapy, with whom, where, or notes.</summary>
internal sealed record TherapyLeaving(DateOnly Date, TimeOnly Start, TimeOnly End, string? Period, string? Lesson, PupilId PupilId, string Pupil, OccurrenceStatus Status, DateOnly OriginalDate)
{
    public string StatusWords => Status switch
    {
        OccurrenceStatus.Cancelled => "Cancelled: stays in the lesson",
        OccurrenceStatus.Moved when OriginalDate != Date => $"Moved from {SchoolDates.Brief(OriginalDate)}",
        OccurrenceStatus.Moved => "Time changed",
        _ => "Therapy session",
    };
}

/// <summary>What a teacher sees: the coming fortnight's therapy times of the pupils they teach, and the strategies shared with them.</summary>
internal sealed record TeacherView(string? TutorGroup, DateOnly From, DateOnly To, IReadOnlyList<TherapyLeaving> Leaving, IReadOnlyList<(PupilId Pupil, string Name, IReadOnlyList<ClassroomStrategy> Strategies)> Shared);

/// <summary>
/// Classroom strategies and what teachers see (issue 11). A pupil's practitioner (the Head of Therapy
/// any pupil's) writes strategies and chooses which to share with the pupil's teachers; a teacher sees,
/// for the pupils they teach, when each leaves a lesson for therapy in the coming fortnight (date,
/// period, "therapy session") and the shared strategies. Who a teacher teaches: lessons imported from
/// the information system do not name their teacher, so for now the pupils of their tutor group.
/// </summary>
internal sealed class ClassroomDesk(SecureBaseDb db, CurrentUser me, AuditLog audit, TimetableWeek timetable, Schools.SchoolClock schoolClock)
{
    public const int DaysAhead = 14;

    public DateOnly Today => schoolClock.Today;

    /// <summary>The tutor group of the signed-in member of staff, or null.</summary>
    private async Task<string?> MyTutorGroupAsync(CancellationToken ct) =>
        me.StaffId is { } staff ? await db.StaffMembers.Where(s => s.Id == staff).Select(s => s.TutorGroup).SingleOrDefaultAsync(ct) : null;

    /// <summary>The pupils the action reaches for the user: the school, their own caseload, or the pupils they teach.</summary>
    private async Task<IQueryable<Pupils.Pupil>> ReachAsync(SchoolAction action, CancellationToken ct)
    {
        var scope = me.ScopeFor(action);
        if (scope.HasFlag(Scope.School))
        {
            return db.Pupils;
        }

        var staffId = me.StaffId ?? default;
        var caseload = scope.HasFlag(Scope.OwnCaseload) && me.StaffId is not null;
        var group = scope.HasFlag(Scope.TaughtBySelf) ? (await MyTutorGroupAsync(ct))?.ToLower() : null;
        if (!caseload && group is null)
        {
            return db.Pupils.Where(_ => false);
        }

        return db.Pupils.Where(p =>
            (caseload && db.Episodes.Any(e => e.PupilId == p.Id && e.StaffId == staffId && e.Status == EpisodeStatus.Open))
            || (group != null && p.TutorGroup != null && p.TutorGroup.ToLower() == group && p.LeftOn == null));
    }

    public async Task<PupilStrategies?> ForPupilAsync(PupilId pupilId, CancellationToken ct)
    {
        var pupil = await (await ReachAsync(SchoolAction.ViewClassroomStrategies, ct)).AsNoTracking().Where(p => p.Id == pupilId)
            .Select(p => new { p.Id, F = p.PreferredFirstName ?? p.LegalFirstName, L = p.PreferredLastName ?? p.LegalLastName }).SingleOrDefaultAsync(ct);
        if (pupil is null)
        {
            return null;
        }

        var canWrite = await (await ReachAsync(SchoolAction.ManageClassroomStrategies, ct)).AnyAsync(p => p.Id == pupilId, ct);
        var q = db.ClassroomStrategies.AsNoTracking().Where(s => s.PupilId == pupilId);
        if (!canWrite)
        {
            q = q.Where(s => s.SharedWithTeachers);
        }

        var strategies = await q.ToListAsync(ct);
        var inTherapy = canWrite && await WritableEpisodeAsync(pupilId, ct) is not null;
        return new PupilStrategies(pupilId, $"{pupil.F} {pupil.L}", canWrite, canWrite, inTherapy,
            strategies.OrderByDescending(s => s.SharedWithTeachers).ThenBy(s => s.WrittenOn).ThenBy(s => s.Id.Value).ToList());
    }

    /// <summary>The open episode a new strategy is written in: the user's own (a practitioner), or the pupil's latest (the Head of Therapy).</summary>
    private async Task<Episode?> WritableEpisodeAsync(PupilId pupilId, CancellationToken ct)
    {
        var open = db.Episodes.Where(e => e.PupilId == pupilId && e.Status == EpisodeStatus.Open);
        if (!me.ScopeFor(SchoolAction.ManageClassroomStrategies).HasFlag(Scope.School))
        {
            var staffId = me.StaffId ?? default;
            open = open.Where(e => e.StaffId == staffId);
        }

        return (await open.ToListAsync(ct)).OrderByDescending(e => e.StartDate).FirstOrDefault();
    }

    public async Task<Result<ClassroomStrategy>> WriteAsync(PupilId pupilId, string? text, bool share, CancellationToken ct)
    {
        if (!await (await ReachAsync(SchoolAction.ManageClassroomStrategies, ct)).AnyAsync(p => p.Id == pupilId, ct))
        {
            return new Error.NotFound("That pupil was not found among the pupils you work with.");
        }

        if (await WritableEpisodeAsync(pupilId, ct) is not { } episode)
        {
            return new Error.Conflict("This pupil is not in therapy now: classroom strategies are written during an episode of therapy.");
        }

        var made = ClassroomStrategy.Write(episode, text, share, Today, me.UserId);
        if (!made.IsSuccess)
        {
            return made.Error!;
        }

        db.ClassroomStrategies.Add(made.Value);
        audit.Record("pupil.classroom-strategy", "Pupil", pupilId.ToString(), detail: share ? "shared with teachers" : "not shared");
        await db.SaveChangesAsync(ct);
        return made.Value;
    }

    public async Task<Outcome> ShareAsync(PupilId pupilId, ClassroomStrategyId id, bool share, CancellationToken ct)
    {
        if (!await (await ReachAsync(SchoolAction.ManageClassroomStrategies, ct)).AnyAsync(p => p.Id == pupilId, ct))
        {
            return new Error.NotFound("That pupil was not found among the pupils you work with.");
        }

        var strategy = await db.ClassroomStrategies.SingleOrDefaultAsync(s => s.Id == id && s.PupilId == pupilId, ct);
        if (strategy is null)
        {
            return new Error.NotFound("That classroom strategy was not found for this pupil.");
        }

        var done = strategy.Share(share, Today);
        if (done.IsSuccess)
        {
            audit.Record("pupil.classroom-strategy-shared", "Pupil", pupilId.ToString(), detail: share ? "shared with teachers" : "taken back from teachers");
            await db.SaveChangesAsync(ct);
        }

        return done;
    }

    /// <summary>The teacher's page: the coming fortnight's therapy times of the pupils they teach, and the strategies shared about them.</summary>
    public async Task<TeacherView> ForTeacherAsync(CancellationToken ct)
    {
        var today = Today;
        var to = today.AddDays(DaysAhead - 1);
        var tutorGroup = me.ScopeFor(SchoolAction.ViewTherapyLeavers).HasFlag(Scope.TaughtBySelf) ? await MyTutorGroupAsync(ct) : null;
        var pupils = await (await ReachAsync(SchoolAction.ViewTherapyLeavers, ct)).AsNoTracking()
            .Select(p => new { p.Id, F = p.PreferredFirstName ?? p.LegalFirstName, L = p.PreferredLastName ?? p.LegalLastName }).ToListAsync(ct);
        var names = pupils.ToDictionary(p => p.Id, p => $"{p.F} {p.L}");
        if (names.Count == 0)
        {
            return new TeacherView(tutorGroup, today, to, [], []);
        }

        var periods = await db.LessonPeriods.AsNoTracking().Where(p => p.IsTeaching).ToListAsync(ct);
        var ids = names.Keys.ToList();
        var lessons = await db.PupilLessons.AsNoTracking().Where(l => ids.Contains(l.PupilId)).ToListAsync(ct);
        var occurrences = await timetable.BetweenAsync(today, to, new OccurrenceFilter(IncludeCancelled: true), ct);
        var leaving = new List<TherapyLeaving>();
        foreach (var o in occurrences)
        {
            var period = periods.Where(p => p.IsOn(o.Date.DayOfWeek) && p.Start < o.End && o.Start < p.End).OrderBy(p => p.Start).ToList();
            foreach (var pupil in o.PupilIds.Where(names.ContainsKey))
            {
                var missed = lessons.Where(l => l.PupilId == pupil && l.Day == o.Date.DayOfWeek && period.Any(p => p.Id == l.PeriodId)).Select(l => l.Subject).Distinct().ToList();
                leaving.Add(new TherapyLeaving(o.Date, o.Start, o.End, period.Count == 0 ? null : string.Join(", ", period.Select(p => p.Name)),
                    missed.Count == 0 ? null : string.Join(", ", missed), pupil, names[pupil], o.Status, o.OriginalDate));
            }
        }

        var shared = await db.ClassroomStrategies.AsNoTracking().Where(s => ids.Contains(s.PupilId) && s.SharedWithTeachers).ToListAsync(ct);
        return new TeacherView(tutorGroup, today, to,
            leaving.OrderBy(l => l.Date).ThenBy(l => l.Start).ThenBy(l => l.Pupil, StringComparer.CurrentCulture).ToList(),
            shared.GroupBy(s => s.PupilId).Select(g => (g.Key, names[g.Key], (IReadOnlyList<ClassroomStrategy>)g.OrderBy(s => s.WrittenOn).ThenBy(s => s.Id.Value).ToList()))
                .OrderBy(x => x.Item2, StringComparer.CurrentCulture).ToList());
    }
}
