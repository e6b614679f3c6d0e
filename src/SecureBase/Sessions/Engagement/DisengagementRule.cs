using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Sessions;

/// <summary>
/// West Heath's 6-week rule, applied after every recording or correction of a session: each member's
/// episode is recounted (<see cref="RefusalCount"/>). The first time a run of refusals reaches the
/// school's warning threshold, the therapist, the pupil's tutor or pastoral lead and (where
/// appropriate) the parents are told and the pupil goes on the MDT agenda; at the release threshold the
/// episode closes for disengagement from the end of this school week (so the weekly slot is released
/// from the next week by the timetable's handler of <see cref="EpisodeEnded"/>), and the Head of
/// Therapy and the referrer are told. All inside the save that recorded the session.
/// </summary>
internal sealed class DisengagementRule(SecureBaseDb db, EngagementAlerts alerts, Schools.SchoolClock schoolClock) : IHandles<SessionRecorded>
{
    private SchoolCalendar? _calendar;
    private EngagementSettings? _settings;

    public async Task HandleAsync(SessionRecorded happened, CancellationToken ct)
    {
        // Many sessions saved at once (the demo's term, an import) must not rescan every tracked entity for each one.
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await RecountAsync(happened, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private async Task RecountAsync(SessionRecorded happened, CancellationToken ct)
    {
        var episodeIds = happened.Members.Select(m => m.EpisodeId).Distinct().ToList();
        var episodes = await db.Episodes.Where(e => episodeIds.Contains(e.Id) && e.Status == EpisodeStatus.Open).ToListAsync(ct);
        if (episodes.Count == 0)
        {
            return;
        }

        // One handler per save (it is scoped): the thresholds and the calendar are read once for all its sessions.
        var settings = _settings ??= await SettingsAsync(db, ct);
        var calendar = _calendar ??= await SchoolCalendar.LoadForReadingAsync(db, ct);
        var today = schoolClock.Today;
        // The placement ends from the next school week: the episode ends on the Sunday of this week.
        var endsOn = SchoolDates.MondayOf(today).AddDays(6);
        foreach (var episode in episodes)
        {
            var run = RefusalCount.Of(calendar, await AttendanceAsync(db, episode.Id, ct));
            switch (episode.CountRefusals(run.Weeks, run.From, settings.WarnAfterWeeks, settings.ReleaseAfterWeeks, endsOn))
            {
                case DisengagementStep.Warn:
                    await alerts.WarnAsync(episode, settings, ct);
                    break;
                case DisengagementStep.Released:
                    await alerts.ReleasedAsync(episode, ct);
                    break;
            }
        }
    }

    public static async Task<EngagementSettings> SettingsAsync(SecureBaseDb db, CancellationToken ct) =>
        await db.EngagementSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? EngagementSettings.DefaultsFor(db.CurrentSchoolId);

    /// <summary>
    /// Every recorded attendance of the episode: what is saved, with the sessions being saved now (new or
    /// corrected, not yet written) taking the place of what the database holds for them.
    /// </summary>
    public static async Task<List<AttendanceOn>> AttendanceAsync(SecureBaseDb db, EpisodeId episodeId, CancellationToken ct)
    {
        var tracked = db.ChangeTracker.Entries<TherapySession>().ToList();
        var trackedIds = tracked.Select(e => e.Entity.Id).ToList();
        var saved = await db.TherapySessions.AsNoTracking()
            .Where(s => !trackedIds.Contains(s.Id) && s.Members.Any(m => m.EpisodeId == episodeId))
            .ToListAsync(ct);
        var list = saved.SelectMany(s => s.Members.Where(m => m.EpisodeId == episodeId).Select(m => new AttendanceOn(s.Date, m.Attendance))).ToList();
        list.AddRange(tracked.Where(e => e.State != EntityState.Deleted)
            .SelectMany(e => e.Entity.Members.Where(m => m.EpisodeId == episodeId).Select(m => new AttendanceOn(e.Entity.Date, m.Attendance))));
        return list;
    }
}
