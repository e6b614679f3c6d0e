using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Caseload;

/// <summary>
/// The practitioner's "Due now" from the cycle: the confidentiality statement to show, the situation
/// analysis, goals and the week 6, 11 and 12 checks of their own open episodes; for the Head of Therapy,
/// the termly reviews due.
/// </summary>
internal sealed class CycleHomeTasks(EpisodeCycles cycles, SecureBaseDb db, CurrentUser me) : IHomeTasks
{
    public async Task<IReadOnlyList<HomeTask>> ForCurrentUserAsync(DateOnly today, CancellationToken ct)
    {
        var tasks = new List<HomeTask>();
        var practitioner = me.Can(SchoolAction.RecordEpisodeCycle) && me.StaffId is not null;
        if (!practitioner && !me.Can(SchoolAction.ViewReviewsDue))
        {
            return tasks;
        }

        var calendar = await SchoolCalendar.LoadForReadingAsync(db, ct);
        if (practitioner && me.StaffId is { } staff)
        {
            var mine = await cycles.OpenEpisodesForReadingAsync(staff, ct);
            tasks.AddRange((await cycles.OutstandingAsync(mine, calendar, today, ct)).Select(t => new HomeTask(t.Title, t.Detail, t.Href, null)));
        }

        if (me.ScopeFor(SchoolAction.ViewReviewsDue).HasFlag(Scope.School))
        {
            tasks.AddRange((await cycles.ReviewsDueAsync(calendar, today, null, ct)).Select(r =>
                new HomeTask($"Termly review due for {r.Pupil}", $"{r.Therapy} with {r.Practitioner}, {r.Term}", $"/episodes/{r.EpisodeId}/review", r.TermEndsOn)));
        }

        return tasks;
    }
}

/// <summary>
/// The cycle's items on the MDT agenda: the tasks of every open episode due in the meeting's week
/// ("Week 6 check due for …") and the TOM checks at baseline (week 1), interim (week 6) and final (week 11).
/// </summary>
internal sealed class CycleAgendaSource(EpisodeCycles cycles, SecureBaseDb db) : IMdtAgendaSource
{
    public async Task<IReadOnlyList<MdtAgendaItem>> ItemsAsync(DateOnly heldOn, CancellationToken ct)
    {
        var calendar = await SchoolCalendar.LoadForReadingAsync(db, ct);
        var open = await cycles.OpenEpisodesAsync(null, ct);
        var items = new List<MdtAgendaItem>();

        // The 12-week cycle (Serenity School): TOMs at baseline (week 1), interim (week 6) and final (week 11),
        // counted in school weeks from the start of the episode, so holidays do not count.
        foreach (var (e, name) in open.OrderBy(e => e.Pupil, StringComparer.CurrentCulture))
        {
            if (EpisodeCycle.On(calendar, e.StartDate, heldOn) is not { } p)
            {
                continue;
            }

            var check = p.Week switch
            {
                1 => "baseline",
                6 => "interim",
                11 => "final",
                _ => null,
            };
            if (check is not null)
            {
                items.Add(new MdtAgendaItem(AgendaItemKind.TomCheckDue, $"TOM check due: {name}",
                    $"{check} measure, week {p.Week} of cycle {p.Cycle} ({Staff.Disciplines.InSentence(e.Discipline)})", e.PupilId, null));
            }
        }

        // Only what is due in the meeting's week (not the confidentiality statement, which is the practitioner's own task).
        foreach (var t in await cycles.OutstandingAsync(open, calendar, heldOn, ct))
        {
            if (t.Title.StartsWith("Show the confidentiality", StringComparison.Ordinal))
            {
                continue;
            }

            var title = char.ToLowerInvariant(t.Title[0]) + t.Title[1..];
            items.Add(new MdtAgendaItem(AgendaItemKind.CycleTaskDue, title, t.Detail, t.PupilId, null));
        }

        return items;
    }
}

/// <summary>
/// When a practitioner or the Head of Therapy discharges a pupil, the referrer is told in words fit
/// for them (a parent that the therapy has come to an end, with no clinical detail; staff the reason
/// in plain words) and the Head of Therapy with the reason. Disengagement sends its own messages, and
/// "not ready" returns the pupil to the waiting list, so neither is told here.
/// </summary>
internal sealed class TellWhenEpisodeEnds(SecureBaseDb db, Notifier notifier, TimeProvider clock) : IHandles<EpisodeEnded>
{
    public async Task HandleAsync(EpisodeEnded ended, CancellationToken ct)
    {
        if (ended.Reason is DischargeReason.Disengagement or DischargeReason.NotReady)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var name = await db.Pupils.NameOfAsync(ended.PupilId, ct);
        var therapy = Staff.Disciplines.InSentence(ended.Discipline);
        var told = new HashSet<Guid>();
        if (ended.ReferralId is { } referralId
            && await db.Referrals.AsNoTracking().Where(r => r.Id == referralId).Select(r => new { r.ReferrerUserId, r.Source }).SingleOrDefaultAsync(ct) is { ReferrerUserId: { } referrer } referral
            && referral.Source != ReferralSource.Pupil)
        {
            var message = referral.Source == ReferralSource.ParentCarer
                ? new NotificationMessage($"{name}'s therapy has finished", $"{name}'s {therapy} at school has come to an end. If you have any questions, please contact the school's therapy team.",
                    "/my-children", $"episode-ended:{ended.EpisodeId}", SchoolAction.ViewOwnChildren)
                : new NotificationMessage($"Therapy finished: {name}", $"{name}'s {therapy}, which you referred them for, has finished ({Reason(ended.Reason)}). Please refer again if you are worried about them.",
                    "/referrals/mine", $"episode-ended:{ended.EpisodeId}", SchoolAction.ViewOwnReferrals);
            await notifier.QueueAsync([referrer], [message], now, ct);
            told.Add(referrer);
        }

        var heads = (await notifier.UsersWithRoleAsync(Role.HeadOfTherapy, ct)).Where(u => !told.Contains(u)).ToList();
        await notifier.QueueAsync(heads,
            [new NotificationMessage($"Discharged: {name}", $"{name}'s {therapy} ended on {ended.EndDate:d MMMM yyyy}: {Episode.ReasonWords(ended.Reason).ToLowerInvariant()}. The weekly slot is free from the next day.",
                $"/episodes/{ended.EpisodeId}", $"episode-ended-hot:{ended.EpisodeId}", SchoolAction.ViewEpisode)], now, ct);
    }

    private static string Reason(DischargeReason reason) => reason switch
    {
        DischargeReason.MovedSchool => "they have moved school",
        DischargeReason.NoLongerNeeded => "it is no longer needed",
        _ => "the therapy came to its end",
    };
}
