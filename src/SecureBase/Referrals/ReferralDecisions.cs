using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Staff;

namespace SecureBase.Referrals;

public enum ReferralDecisionKind
{
    StartReview,
    Accept,
    Redirect,
    Decline,
    Close,
}

/// <summary>A decision on a referral, from the triage page or the API. <see cref="Version"/> is the version the decider saw.</summary>
public sealed class ReferralDecisionInput
{
    [Display(Name = "Decision")]
    public ReferralDecisionKind? Decision { get; set; }

    /// <summary>The version of the referral the person was looking at: if it changed meanwhile, the decision is refused.</summary>
    public int Version { get; set; }

    [Display(Name = "Therapy")]
    public Discipline? Discipline { get; set; }

    [Display(Name = "Priority")]
    public int? Priority { get; set; }

    [Display(Name = "Redirected to")]
    [SchoolText(200)]
    public string? RedirectedTo { get; set; }

    [Display(Name = "Message to the referrer")]
    [SchoolText(1000, MultiLine = true)]
    public string? MessageToReferrer { get; set; }

    [Display(Name = "Note for the team")]
    [SchoolText(1000, MultiLine = true)]
    public string? Note { get; set; }
}

/// <summary>
/// The Head of Therapy's decisions on referrals. Each checks the referral has not changed since
/// the decider looked at it (a second click or a colleague deciding at the same moment is refused
/// with a clear message) and that accepting will not put a pupil on the waiting list twice.
/// </summary>
public sealed class ReferralDecisions(SecureBaseDb db, CurrentUser me, AuditLog audit, TimeProvider clock, ReferralAlerts alerts)
{
    public async Task<Result<Referral>> DecideAsync(ReferralId id, ReferralDecisionInput input, CancellationToken ct = default)
    {
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return new Error.NotFound("That referral was not found.");
        }

        if (referral.Version != input.Version)
        {
            return new Error.Conflict($"This referral changed while you were looking at it (it is now {Referral.StatusWords(referral.Status)}); nothing was changed. Look at it again before deciding.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = input.Decision switch
        {
            ReferralDecisionKind.StartReview => referral.StartReview(me.UserId, now),
            ReferralDecisionKind.Accept => await AcceptAsync(referral, input, now, ct),
            ReferralDecisionKind.Redirect => string.IsNullOrWhiteSpace(input.RedirectedTo)
                ? new Error.Validation(nameof(input.RedirectedTo), "Say where the referral is redirected to, for example CAMHS")
                : referral.Redirect(TextRules.Tidy(input.RedirectedTo)!, TextRules.Tidy(input.MessageToReferrer), me.UserId, now),
            ReferralDecisionKind.Decline => string.IsNullOrWhiteSpace(input.MessageToReferrer)
                ? new Error.Validation(nameof(input.MessageToReferrer), "Give the reason for declining: the referrer is told it")
                : referral.Decline(TextRules.Tidy(input.MessageToReferrer)!, me.UserId, now),
            ReferralDecisionKind.Close => referral.Close(TextRules.Tidy(input.Note) ?? "Closed by the Head of Therapy", me.UserId, now),
            null => new Error.Validation(nameof(input.Decision), "Choose a decision"),
            _ => new Error.Validation(nameof(input.Decision), "Choose a decision from the list"),
        };
        if (!outcome.IsSuccess)
        {
            return outcome.Error!;
        }

        audit.Record(ReferralAuditActions.Decided, "Referral", referral.Id.ToString(), detail: $"{input.Decision} → {referral.Status}");
        await alerts.ReferralDecidedAsync(referral, ct);
        var saved = await SaveAsync(referral, ct);
        return saved.IsSuccess ? referral : saved.Error!;
    }

    /// <summary>Saves, turning a concurrent change into a plain-words conflict (nothing is saved then).</summary>
    public async Task<Result<Referral?>> SaveAsync(Referral? referral, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return referral;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else saved a decision between our read and our write.
            db.ChangeTracker.Clear();
            var status = referral is null ? null : await db.Referrals.AsNoTracking().Where(r => r.Id == referral.Id).Select(r => (ReferralStatus?)r.Status).SingleAsync(ct);
            return new Error.Conflict($"Someone else changed this referral at the same moment{(status is { } s ? $" (it is now {Referral.StatusWords(s)})" : "")}; nothing was changed. Look at it again before deciding.");
        }
    }

    private async Task<Outcome> AcceptAsync(Referral referral, ReferralDecisionInput input, DateTime now, CancellationToken ct)
    {
        if (input.Discipline is not { } discipline || !Enum.IsDefined(discipline))
        {
            return new Error.Validation(nameof(input.Discipline), "Choose which therapy the pupil is waiting for");
        }

        if (input.Priority is not { } priority)
        {
            return new Error.Validation(nameof(input.Priority), "Choose a priority from 1 (most urgent) to 4 (routine)");
        }

        var waiting = await db.Referrals.AsNoTracking()
            .Where(r => r.Id != referral.Id && r.PupilId == referral.PupilId && r.Discipline == discipline && r.Status == ReferralStatus.Accepted)
            .Select(r => (DateTime?)r.AcceptedAt).FirstOrDefaultAsync(ct);
        if (waiting is { } since)
        {
            return new Error.Conflict($"This pupil is already on the waiting list for {Disciplines.InSentence(discipline)} (since {since:d MMMM yyyy}); close this referral as a duplicate instead.");
        }

        var inTherapy = await (from e in db.Episodes
                               join s in db.StaffMembers on e.StaffId equals s.Id
                               where e.PupilId == referral.PupilId && e.Discipline == discipline && e.Status == EpisodeStatus.Open
                               select s.FirstName + " " + s.LastName).FirstOrDefaultAsync(ct);
        if (inTherapy is not null)
        {
            return new Error.Conflict($"This pupil is already in {Disciplines.InSentence(discipline)} with {inTherapy}; close this referral as a duplicate instead.");
        }

        return referral.Accept(discipline, priority, TextRules.Tidy(input.Note), me.UserId, now);
    }
}

/// <summary>A pupil on the waiting list, as the list and the MDT agenda show them.</summary>
public sealed record WaitingEntry(ReferralId ReferralId, PupilId PupilId, string PupilName, int YearGroup, Discipline Discipline, int Priority,
    DateTime ReceivedAt, int WeeksWaited, ReferralUrgency Urgency, bool HasEhcp, bool EhcpNotDelivered, int Version);

/// <summary>The waiting list: accepted referrals, most urgent priority first, then longest wait.</summary>
public sealed class WaitingList(SecureBaseDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<WaitingEntry>> ListAsync(Discipline? discipline = null, CancellationToken ct = default)
    {
        var rows = await Read.For(db)(db, discipline is not null, discipline ?? default).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return rows
            .Select(r => new WaitingEntry(r.Id, r.PupilId, $"{r.First} {r.Last}", r.YearGroup, r.Discipline!.Value, r.Priority ?? 4, r.ReceivedAt,
                (int)((now - r.ReceivedAt).TotalDays / 7), r.Urgency, r.SenStatus == Pupils.SenStatus.Ehcp, r.SenStatus == Pupils.SenStatus.Ehcp && r.Entitled, r.Version))
            .OrderBy(e => e.Priority)
            .ThenBy(e => e.ReceivedAt)
            .ToList();
    }

    private sealed record WaitingRead(
        ReferralId Id, PupilId PupilId, string First, string Last, int YearGroup, Discipline? Discipline, int? Priority, DateTime ReceivedAt,
        ReferralUrgency Urgency, Pupils.SenStatus SenStatus, int Version, bool Entitled);

    // Compiled once (the waiting list is one of the busiest pages). Whether the pupil's EHCP specifies the therapy is
    // looked up from the pupil's plan (one, by the pupil's index) to its items, not from the school's items of that
    // therapy to their plans: the cost of each row then does not grow with the number of EHCPs in the school.
    private static readonly Data.PerModel<Func<SecureBaseDb, bool, Discipline, IAsyncEnumerable<WaitingRead>>> Read = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, bool byDiscipline, Discipline discipline) =>
            from r in db.Referrals
            join p in db.Pupils on r.PupilId equals p.Id
            where r.Status == ReferralStatus.Accepted && p.LeftOn == null && (!byDiscipline || r.Discipline == discipline)
            select new WaitingRead(
                r.Id, r.PupilId, p.PreferredFirstName ?? p.LegalFirstName, p.PreferredLastName ?? p.LegalLastName, p.YearGroup,
                r.Discipline, r.Priority, r.ReceivedAt, r.Urgency, p.SenStatus, r.Version,
                // The pupil's EHCP specifies this therapy and no one is delivering it.
                db.EhcpPlans.Any(pl => pl.PupilId == r.PupilId && db.ProvisionItems.Any(i => i.PlanId == pl.Id && i.Discipline == r.Discipline))
                && !db.Episodes.Any(e => e.PupilId == r.PupilId && e.Discipline == r.Discipline && e.Status == Caseload.EpisodeStatus.Open))));
}
