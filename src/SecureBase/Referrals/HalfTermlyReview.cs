using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Referrals;

/// <summary>An open referral as the half-termly review sees it.</summary>
public sealed record ReviewLine(ReferralId Id, PupilId PupilId, string PupilName, int YearGroup, ReferralStatus Status, ReferralReason Reasons, string? OtherReason,
    ReferralUrgency Urgency, int? Priority, int WeeksWaited, bool HasEhcp, Staff.Discipline? Discipline, Staff.Discipline? Requested, int Version);

public sealed class ReviewInput
{
    [Display(Name = "Title")]
    [Needed]
    [SchoolText(100)]
    public string? Title { get; set; }

    [Display(Name = "Date held")]
    [Needed]
    public DateOnly? HeldOn { get; set; }

    [Display(Name = "Who attended")]
    [Needed]
    [SchoolText(1000, MultiLine = true)]
    public string? Attendees { get; set; }

    [Display(Name = "Notes")]
    [SchoolText(4000, MultiLine = true)]
    public string? Notes { get; set; }

    public List<ReviewLineInput> Lines { get; set; } = [];
}

public sealed class ReviewLineInput
{
    public ReferralId ReferralId { get; set; }
    public int Version { get; set; }
    public int? Priority { get; set; }

    [SchoolText(500)]
    public string? Decision { get; set; }
}

/// <summary>
/// The half-termly review: every open referral with its wait, reasons, EHCP and urgency; the
/// headteacher and the therapy team set priorities and record their decisions and who attended.
/// </summary>
public sealed class HalfTermlyReview(SecureBaseDb db, CurrentUser me, AuditLog audit, TimeProvider clock, Schools.SchoolClock schoolClock)
{
    public async Task<IReadOnlyList<ReviewLine>> OpenReferralsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (from r in db.Referrals
                          join p in db.Pupils on r.PupilId equals p.Id
                          where (r.Status == ReferralStatus.Received || r.Status == ReferralStatus.UnderReview || r.Status == ReferralStatus.Accepted) && p.LeftOn == null
                          select new { r, p.PreferredFirstName, p.LegalFirstName, p.PreferredLastName, p.LegalLastName, p.YearGroup, p.SenStatus })
            .ToListAsync(ct);
        return rows
            .Select(x => new ReviewLine(x.r.Id, x.r.PupilId, $"{x.PreferredFirstName ?? x.LegalFirstName} {x.PreferredLastName ?? x.LegalLastName}", x.YearGroup,
                x.r.Status, x.r.Reasons, x.r.OtherReason, x.r.Urgency, x.r.Priority, (int)((now - x.r.ReceivedAt).TotalDays / 7), x.SenStatus == Pupils.SenStatus.Ehcp,
                x.r.Discipline, x.r.RequestedDiscipline, x.r.Version))
            .OrderBy(l => l.Priority ?? 5).ThenByDescending(l => l.WeeksWaited)
            .ToList();
    }

    public async Task<Result<ReferralReview>> SaveAsync(ReviewInput input, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var today = schoolClock.Today;
        if (input.HeldOn is { } held && held > today)
        {
            errors.Add(new(nameof(input.HeldOn), "The review cannot be recorded before it has happened"));
        }

        var ids = input.Lines.Select(l => l.ReferralId).ToList();
        var referrals = await db.Referrals.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        for (var i = 0; i < input.Lines.Count; i++)
        {
            var line = input.Lines[i];
            if (!referrals.TryGetValue(line.ReferralId, out var referral))
            {
                errors.Add(new($"Lines[{i}]", "A referral on this review was not found; reload the page"));
            }
            else if (referral.Version != line.Version)
            {
                errors.Add(new($"Lines[{i}]", "This referral changed while the review was open; reload the page to see the change"));
            }
            else if (line.Priority is { } p && p is < 1 or > 4)
            {
                errors.Add(new($"Lines[{i}]", "Choose a priority from 1 (most urgent) to 4 (routine)"));
            }
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var review = ReferralReview.Record(db.CurrentSchoolId, input.HeldOn!.Value, TextRules.Tidy(input.Title)!, TextRules.Tidy(input.Attendees)!, TextRules.Tidy(input.Notes), me.UserId, now);
        db.ReferralReviews.Add(review);
        foreach (var line in input.Lines.Where(l => l.Priority is not null || !string.IsNullOrWhiteSpace(l.Decision)))
        {
            var referral = referrals[line.ReferralId];
            var before = referral.Priority;
            var after = line.Priority ?? before ?? 4;
            if (after != before)
            {
                var changed = referral.Reprioritise(after, me.UserId, now);
                if (!changed.IsSuccess)
                {
                    return changed.Error!;
                }
            }

            db.ReferralReviewDecisions.Add(ReferralReviewDecision.Create(review.Id, referral.Id, before, after, TextRules.Tidy(line.Decision)));
        }

        audit.Record(ReferralAuditActions.Reviewed, "ReferralReview", review.Id.ToString(), detail: $"{input.Lines.Count} referrals");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Error.Conflict("Someone changed one of these referrals while the review was being saved; nothing was saved. Reload the page and save again.");
        }

        return review;
    }
}
