using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Referrals;

/// <summary>
/// Who is told what about a referral, in the app. Every message is written for its recipient and
/// holds nothing they may not see: the referrer learns the status of their own referral (and the
/// reason when it is declined); the DSL learns that a referral mentions a safeguarding worry, at once;
/// the allocated therapist learns of their new pupil; parents are told of an allocation only where
/// appropriate (never for a pupil's own request for help unless the team chooses to).
/// </summary>
public sealed class ReferralAlerts(SecureBaseDb db, Notifier notifier, TimeProvider clock)
{
    public async Task ReferralReceivedAsync(Referral r, Pupil pupil, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var heads = await notifier.UsersWithRoleAsync(Role.HeadOfTherapy, ct);
        await notifier.QueueAsync(heads,
        [
            new NotificationMessage(
                $"New referral: {pupil.DisplayName}",
                $"{ReferralReasons.Source(r.Source)} referral, {ReferralReasons.Urgency(r.Urgency).ToLowerInvariant()}. It is waiting for triage.",
                $"/referrals/{r.Id}",
                $"referral-received:{r.Id}",
                SchoolAction.TriageReferrals),
        ], now, ct);

        // A safeguarding worry is passed to the DSL as a concern (SafeguardingWorryPassedOn): the DSL is told by Safeguarding.
    }

    public async Task ReferralDecidedAsync(Referral r, CancellationToken ct) => await ReferralDecidedAsync(r, [], ct);

    /// <summary>Tells the referrer what was decided, unless they are among <paramref name="toldAlready"/> (one notification per event).</summary>
    private async Task ReferralDecidedAsync(Referral r, IReadOnlyCollection<Guid> toldAlready, CancellationToken ct)
    {
        if (r.ReferrerUserId is not { } referrer || r.Status is ReferralStatus.UnderReview || toldAlready.Contains(referrer))
        {
            return;
        }

        var name = await db.Pupils.NameOfAsync(r.PupilId, ct);
        var forPupil = r.Source == ReferralSource.Pupil;
        var (title, body) = r.Status switch
        {
            ReferralStatus.Accepted => forPupil
                ? ("The therapy team has read your message", "You are on the list to see someone. They will tell you when and where.")
                : ($"Referral accepted: {name}", $"{name} is on the therapy team's waiting list."),
            ReferralStatus.Declined => forPupil
                ? ("The therapy team has read your message", r.MessageToReferrer ?? "They will talk to you about what could help.")
                : ($"Referral declined: {name}", $"The therapy team has declined this referral. Their reason: {r.MessageToReferrer}"),
            ReferralStatus.Redirected => forPupil
                ? ("The therapy team has read your message", $"They think {r.RedirectedTo} can help you best. {r.MessageToReferrer}")
                : ($"Referral passed on: {name}", $"The therapy team has passed this referral to {r.RedirectedTo}.{(r.MessageToReferrer is null ? "" : " " + r.MessageToReferrer)}"),
            ReferralStatus.Allocated => forPupil
                ? ("You have a therapist", "Someone from the therapy team will see you soon. They will tell you when and where.")
                : ($"Therapist allocated: {name}", $"A therapist has been allocated for {name}."),
            ReferralStatus.Closed => forPupil
                ? ("The therapy team has read your message", "They have finished looking at it. If you still want to talk to someone, you can ask for help again or tell an adult you trust.")
                : ($"Referral closed: {name}", "The therapy team has closed this referral."),
            _ => (null, null),
        };
        if (title is null)
        {
            return;
        }

        // A pupil reads about their request on their own home page; a parent on their page about their child.
        var (link, action) = r.Source switch
        {
            ReferralSource.Pupil => ("/", SchoolAction.UseHome),
            ReferralSource.ParentCarer => ("/my-children", SchoolAction.ViewOwnChildren),
            _ => ("/referrals/mine", SchoolAction.ViewOwnReferrals),
        };
        await notifier.QueueAsync([referrer],
            [new NotificationMessage(title, body!, link, $"referral-{r.Status}:{r.Id}:{r.Version}", action)],
            clock.GetUtcNow().UtcDateTime, ct);
    }

    public async Task AllocatedAsync(Referral r, StaffMember therapist, bool tellParents, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var name = await db.Pupils.NameOfAsync(r.PupilId, ct);
        var told = new List<Guid>();
        if (therapist.UserId is { } therapistUser)
        {
            await notifier.QueueAsync([therapistUser],
                [new NotificationMessage($"New on your caseload: {name}", $"{name} has been allocated to you for {Disciplines.InSentence(r.Discipline!.Value)}.", "/caseload", $"allocated:{r.Id}:{r.EpisodeId}", SchoolAction.ViewCaseload)],
                now, ct);
            told.Add(therapistUser);
        }

        if (tellParents)
        {
            var parents = await ParentsAsync(r, ct);
            await notifier.QueueAsync(parents,
                [new NotificationMessage($"{name} has a therapist", $"{name} will start {Disciplines.InSentence(r.Discipline!.Value)} with {therapist.DisplayName}. You will be told the times of sessions.", "/my-children", $"allocated-parent:{r.Id}:{r.EpisodeId}", SchoolAction.ViewOwnChildren)],
                now, ct);
            told.AddRange(parents);
        }

        // A parent who made the referral, or a therapist who referred and is now allocated, has just been told: once is enough.
        await ReferralDecidedAsync(r, told, ct);
    }

    /// <summary>The school office is told that a local authority referral needs matching to a pupil.</summary>
    public async Task UnmatchedReferralAsync(UnmatchedReferral u, CancellationToken ct)
    {
        var office = await notifier.UsersWithRoleAsync(Role.Administrator, ct);
        await notifier.QueueAsync(office,
            [new NotificationMessage("A local authority referral needs matching", $"{u.ReferrerName} referred a pupil with UPN {u.Upn}, which matches no current pupil. Match it to the right pupil or tell the authority it is not a pupil of this school.", "/referrals/unmatched", $"referral-unmatched:{u.Id}", SchoolAction.MatchReferrals)],
            clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>The school asks the pupil's parents for consent; returns how many parents were told.</summary>
    public async Task<int> ConsentRequestedAsync(Referral r, CancellationToken ct)
    {
        var parents = await ParentsAsync(r, ct);
        var name = await db.Pupils.NameOfAsync(r.PupilId, ct);
        await notifier.QueueAsync(parents,
            [new NotificationMessage($"Your consent is asked for: {name}", $"The school has referred {name} to the therapy team and would like your consent. You can give or refuse it on your page about your child.", "/my-children", $"consent-requested:{r.Id}", SchoolAction.GiveConsent)],
            clock.GetUtcNow().UtcDateTime, ct);
        return parents.Count;
    }

    /// <summary>A parent answered: the Head of Therapy is told.</summary>
    public async Task ConsentAnsweredAsync(Referral r, string parentName, CancellationToken ct)
    {
        var name = await db.Pupils.NameOfAsync(r.PupilId, ct);
        var heads = await notifier.UsersWithRoleAsync(Role.HeadOfTherapy, ct);
        var given = r.ConsentAnswer == ConsentAnswer.Given;
        await notifier.QueueAsync(heads,
            [new NotificationMessage($"Consent {(given ? "given" : "refused")}: {name}", $"{parentName} {(given ? "gave" : "refused")} consent for the referral.", $"/referrals/{r.Id}", $"consent-answered:{r.Id}:{r.ConsentAnsweredAt:O}", SchoolAction.TriageReferrals)],
            clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>The accounts of the pupil's parents and carers with parental responsibility, through links that are not restricted.</summary>
    public async Task<IReadOnlyCollection<Guid>> ParentsAsync(Referral r, CancellationToken ct) =>
        await (from l in db.CarerLinks
               join c in db.Carers on l.CarerId equals c.Id
               where l.PupilId == r.PupilId && !l.IsRestricted && l.ParentalResponsibility && c.UserId != null
               select c.UserId!.Value).Distinct().ToListAsync(ct);
}
