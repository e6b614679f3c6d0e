using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Schools;
using SecureBase.Sessions;

namespace SecureBase.Safeguarding;

/// <summary>A run of school weeks in which a pupil missed every therapy session they had (refused or absent from school), with why it matters.</summary>
internal sealed record MissedPattern(PupilId PupilId, string Pupil, int Weeks, DateOnly From, bool LookedAfter, bool OpenConcern)
{
    public string Why => (LookedAfter, OpenConcern) switch
    {
        (true, true) => "looked after, with an open safeguarding concern",
        (true, false) => "looked after",
        _ => "has an open safeguarding concern",
    };
}

/// <summary>
/// "Was not brought": for a pupil who is looked after (care-experienced on their record) or has an open
/// concern, a run of school weeks in which every therapy session was refused or missed through absence is
/// safeguarding information, not only admin. Worked out when a session is recorded (<see cref="SessionRecorded"/>):
/// the DSLs are told once per run, and the pattern is listed on the DSL's page. How many weeks running make a pattern is
/// the school's setting (<see cref="SafeguardingSettings"/>, 3 by default). No notes, engagement or
/// therapy detail is shown: only the number of weeks.
/// </summary>
internal sealed class WasNotBrought(SecureBaseDb db, Notifier notifier, TimeProvider clock) : IHandles<SessionRecorded>
{
    private HashSet<PupilId>? _watched;
    private int? _weeks;
    private SchoolCalendar? _calendar;

    public async Task HandleAsync(SessionRecorded happened, CancellationToken ct)
    {
        var missed = happened.Members.Where(m => Missed(m.Attendance)).Select(m => m.PupilId).Distinct().ToList();
        if (missed.Count == 0)
        {
            return;
        }

        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            _watched ??= await WatchedAsync(ct);
            var pupils = missed.Where(_watched.Contains).ToList();
            if (pupils.Count == 0)
            {
                return;
            }

            _calendar ??= await SchoolCalendar.LoadForReadingAsync(db, ct);
            _weeks ??= await WeeksRunningAsync(ct);
            foreach (var pattern in await PatternsAsync(pupils, _calendar, _weeks.Value, includeTracked: true, ct))
            {
                await notifier.QueueAsync(await notifier.UsersWithRoleAsync(Role.Dsl, ct),
                [
                    new NotificationMessage($"Was not brought: {pattern.Pupil}",
                        $"{pattern.Pupil} ({pattern.Why}) has missed every therapy session {pattern.Weeks} school weeks running (refused or absent). Missed appointments are safeguarding information.",
                        "/safeguarding#patterns", $"was-not-brought:{pattern.PupilId}:{pattern.From:yyyy-MM-dd}", SchoolAction.ViewConcerns),
                ], clock.GetUtcNow().UtcDateTime, ct);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>The patterns the DSL's page lists now.</summary>
    public async Task<IReadOnlyList<MissedPattern>> CurrentAsync(CancellationToken ct)
    {
        var watched = await WatchedAsync(ct);
        return watched.Count == 0 ? [] : await PatternsAsync(watched.ToList(), await SchoolCalendar.LoadAsync(db, ct), await WeeksRunningAsync(ct), includeTracked: false, ct);
    }

    /// <summary>School weeks running of missed sessions that make a pattern: the school's setting, kept by the DSL (3 until changed).</summary>
    public async Task<int> WeeksRunningAsync(CancellationToken ct) =>
        await db.SafeguardingSettings.AsNoTracking().Select(s => (int?)s.WasNotBroughtWeeks).SingleOrDefaultAsync(ct) ?? SafeguardingSettings.DefaultWeeks;

    private static bool Missed(Attendance a) => a is Attendance.Refused or Attendance.PupilAbsent;

    private async Task<HashSet<PupilId>> WatchedAsync(CancellationToken ct)
    {
        var lookedAfter = await db.Pupils.AsNoTracking().Where(p => p.CareExperienced && p.LeftOn == null).Select(p => p.Id).ToListAsync(ct);
        var concerns = await db.Concerns.AsNoTracking().Where(c => c.ClosedAt == null).Select(c => c.PupilId).ToListAsync(ct);
        return [.. lookedAfter, .. concerns];
    }

    private async Task<IReadOnlyList<MissedPattern>> PatternsAsync(IReadOnlyList<PupilId> pupils, SchoolCalendar calendar, int weeksRunning, bool includeTracked, CancellationToken ct)
    {
        var tracked = includeTracked ? db.ChangeTracker.Entries<TherapySession>().Where(e => e.State != EntityState.Deleted).Select(e => e.Entity).ToList() : [];
        var trackedIds = tracked.Select(s => s.Id).ToList();
        var saved = await db.TherapySessions.AsNoTracking()
            .Where(s => !trackedIds.Contains(s.Id) && s.Members.Any(m => pupils.Contains(m.PupilId)))
            .ToListAsync(ct);
        var attendance = saved.Concat(tracked)
            .SelectMany(s => s.Members.Where(m => pupils.Contains(m.PupilId)).Select(m => (m.PupilId, s.Date, m.Attendance)))
            .ToLookup(x => x.PupilId);
        var lookedAfter = (await db.Pupils.AsNoTracking().Where(p => pupils.Contains(p.Id) && p.CareExperienced).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var openConcern = (await db.Concerns.AsNoTracking().Where(c => pupils.Contains(c.PupilId) && c.ClosedAt == null).Select(c => c.PupilId).ToListAsync(ct)).ToHashSet();
        var found = new List<(PupilId Pupil, int Weeks, DateOnly From)>();
        foreach (var pupil in pupils)
        {
            // The latest weeks first: a week counts when every session the pupil had was refused or missed through absence;
            // a week with only cancellations (by the school or therapist) neither counts nor breaks the run.
            var weeks = attendance[pupil].GroupBy(x => calendar.WeekOf(x.Date)?.Monday ?? SchoolDates.MondayOf(x.Date)).OrderByDescending(g => g.Key);
            var run = 0;
            DateOnly? from = null;
            foreach (var week in weeks)
            {
                if (week.Any(x => x.Attendance == Attendance.Attended))
                {
                    break;
                }

                if (week.Any(x => Missed(x.Attendance)))
                {
                    run++;
                    from = week.Key;
                }
            }

            if (run >= weeksRunning)
            {
                found.Add((pupil, run, from!.Value));
            }
        }

        if (found.Count == 0)
        {
            return [];
        }

        var ids = found.Select(f => f.Pupil).ToList();
        var names = await db.Pupils.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, Name = (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName) }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return found.Select(f => new MissedPattern(f.Pupil, names[f.Pupil], f.Weeks, f.From, lookedAfter.Contains(f.Pupil), openConcern.Contains(f.Pupil)))
            .OrderByDescending(p => p.Weeks).ToList();
    }
}
