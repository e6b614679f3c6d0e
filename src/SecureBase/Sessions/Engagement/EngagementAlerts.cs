using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Staff;

namespace SecureBase.Sessions;

/// <summary>
/// Who is told what when a pupil keeps refusing their sessions, in words fit for each. Only the
/// therapist hears anything about the therapy itself; the tutor or pastoral lead and the parents are
/// told that the pupil has not been coming and asked to encourage them; nobody is told notes or
/// clinical detail. Each message goes once per run of refusals (the dedupe key names the run).
/// </summary>
internal sealed class EngagementAlerts(SecureBaseDb db, Notifier notifier, TimeProvider clock)
{
    public async Task WarnAsync(Episode episode, EngagementSettings settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var pupil = await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == episode.PupilId, ct);
        var name = pupil.DisplayName;
        var weeks = episode.RefusedWeeks;
        var run = $"{episode.Id}:{episode.RefusalRunFrom:yyyy-MM-dd}";
        var left = settings.ReleaseAfterWeeks - weeks;

        if (await TherapistAsync(episode, ct) is { } therapist)
        {
            await notifier.QueueAsync([therapist],
                [new NotificationMessage($"{name} has refused {weeks} weeks in a row",
                    $"{name} has refused their {Disciplines.InSentence(episode.Discipline)} sessions for {weeks} consecutive school weeks. If this goes on for {Web.PlainWords.Count(left, "more week")}, the episode closes and the slot is released. Record what you try to engage them; they are on the next MDT agenda.",
                    Link(episode), $"disengagement-warn:{run}", SchoolAction.RecordEngagementEfforts)], now, ct);
        }

        var pastoral = (await db.StaffMembers.AsNoTracking().Where(s => s.UserId != null && s.LeftOn == null && s.Id != episode.StaffId).ToListAsync(ct))
            .Where(s => s.IsPastoralFor(pupil.TutorGroup)).Select(s => s.UserId!.Value).ToList();
        await notifier.QueueAsync(pastoral,
            [new NotificationMessage($"Please encourage {name} to come to their sessions",
                $"{name} has not come to their sessions with the therapy team for {weeks} weeks. As their tutor or pastoral lead, please encourage them to go; the therapy team may be in touch.",
                "/", $"disengagement-warn-pastoral:{run}", SchoolAction.UseHome)], now, ct);

        if (await ParentsToTellAsync(episode, ct) is { Count: > 0 } parents)
        {
            await notifier.QueueAsync(parents,
                [new NotificationMessage($"{name} has not been coming to therapy sessions",
                    $"{name} has not wanted to come to their therapy sessions for the last {weeks} weeks. The therapy team would like to help them take part: please encourage them, and contact the school if you would like to talk about it.",
                    "/my-children", $"disengagement-warn-parent:{run}", SchoolAction.ViewOwnChildren)], now, ct);
        }
    }

    public async Task ReleasedAsync(Episode episode, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var name = await db.Pupils.NameOfAsync(episode.PupilId, ct);
        var weeks = episode.RefusedWeeks;
        var key = $"disengagement-released:{episode.Id}";
        var told = new List<Guid>();

        var heads = (await notifier.UsersWithRoleAsync(Role.HeadOfTherapy, ct)).ToList();
        if (await TherapistAsync(episode, ct) is { } therapist)
        {
            heads.Add(therapist);
        }

        await notifier.QueueAsync(heads,
            [new NotificationMessage($"Closed for disengagement: {name}",
                $"{name} refused their {Disciplines.InSentence(episode.Discipline)} sessions for {weeks} consecutive school weeks, so the episode closed on {episode.EndDate:d MMMM yyyy} and the weekly slot is released from the next week. A new referral will be linked to this episode.",
                Link(episode), key, SchoolAction.RecordEngagementEfforts)], now, ct);
        told.AddRange(heads);

        if (episode.ReferralId is { } referralId
            && await db.Referrals.AsNoTracking().Where(r => r.Id == referralId).Select(r => new { r.ReferrerUserId, r.Source }).SingleOrDefaultAsync(ct) is { ReferrerUserId: { } referrer } referral
            && !told.Contains(referrer))
        {
            var (title, body, link, action) = referral.Source switch
            {
                ReferralSource.Pupil => ("Your sessions have stopped for now",
                    "You have not come to your sessions for a while, so they have stopped. If you want to see someone again, you can ask for help again or tell an adult you trust.",
                    "/", SchoolAction.UseHome),
                ReferralSource.ParentCarer => ($"{name}'s therapy sessions have stopped",
                    $"{name} did not come to their sessions for {weeks} weeks in a row, so their place has been given to another pupil. If {name} needs help again, you can ask the school to refer them again.",
                    "/my-children", SchoolAction.ViewOwnChildren),
                _ => ($"Therapy ended: {name}",
                    $"{name} did not come to their sessions for {weeks} weeks in a row, so their place has been released. If {name} needs therapy again, make a new referral; it will be linked to this one.",
                    "/referrals/mine", SchoolAction.ViewOwnReferrals),
            };
            await notifier.QueueAsync([referrer], [new NotificationMessage(title, body, link, key + ":referrer", action)], now, ct);
        }
    }

    private static string Link(Episode episode) => $"/episodes/{episode.Id}/engagement";

    private async Task<Guid?> TherapistAsync(Episode episode, CancellationToken ct) =>
        await db.StaffMembers.AsNoTracking().Where(s => s.Id == episode.StaffId).Select(s => s.UserId).SingleOrDefaultAsync(ct);

    /// <summary>
    /// The parents told, where appropriate: those with parental responsibility through a link that is not restricted,
    /// unless the practitioner marked the episode "do not tell parents" or the pupil asked for help themself.
    /// </summary>
    private async Task<IReadOnlyCollection<Guid>> ParentsToTellAsync(Episode episode, CancellationToken ct)
    {
        if (episode.DoNotTellParents
            || (episode.ReferralId is { } referralId && await db.Referrals.AnyAsync(r => r.Id == referralId && r.Source == ReferralSource.Pupil, ct)))
        {
            return [];
        }

        return await (from l in db.CarerLinks
                      join c in db.Carers on l.CarerId equals c.Id
                      where l.PupilId == episode.PupilId && !l.IsRestricted && l.ParentalResponsibility && c.UserId != null
                      select c.UserId!.Value).Distinct().ToListAsync(ct);
    }
}
