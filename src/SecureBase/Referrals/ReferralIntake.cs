using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;

namespace SecureBase.Referrals;

public static class ReferralAuditActions
{
    public const string Received = "referral.received";
    public const string Decided = "referral.decided";
    public const string Reviewed = "referral.reviewed";
    public const string Allocated = "referral.allocated";
    public const string NotReady = "referral.not-ready";
}

/// <summary>
/// Receives referrals by all four routes. Who may refer whom comes from the policy table's scope for
/// <see cref="SchoolAction.MakeReferral"/>: staff any pupil of the school, a parent only a child they
/// are linked to, a pupil only themself. A second submission of the same form returns the referral
/// already made; an open referral for the same pupil and discipline is flagged as a possible duplicate;
/// a re-referral after disengagement is linked to the episode that ended.
/// </summary>
public sealed class ReferralIntake(SecureBaseDb db, PupilAccess access, CurrentUser me, AuditLog audit, TimeProvider clock, ReferralAlerts alerts)
{
    public async Task<Result<Referral>> SubmitAsync(ReferralInput input, CancellationToken ct = default)
    {
        if (input.SubmissionKey == Guid.Empty)
        {
            return new Error.Validation("SubmissionKey", "This form has expired; open it again and resubmit");
        }

        var existing = await db.Referrals.SingleOrDefaultAsync(r => r.SubmissionKey == input.SubmissionKey, ct);
        if (existing is not null)
        {
            // A double click or a resubmitted page: the referral was already made.
            return existing.ReferrerUserId == me.UserId ? existing : new Error.Conflict("This form has already been used; open it again to make another referral.");
        }

        if (input.PupilId is not { } pupilId)
        {
            return new Error.Validation(nameof(ReferralInput.PupilId), me.Roles.Contains(Role.ParentCarer) ? "Choose which of your children you are referring" : "Choose the pupil you are referring");
        }

        var pupil = await access.FindAsync(pupilId, me.Can(SchoolAction.MakeReferral) ? SchoolAction.MakeReferral : SchoolAction.AskForHelp, ct);
        if (pupil is null)
        {
            return new Error.Forbidden(NotYoursToRefer());
        }

        if (pupil.HasLeft)
        {
            return new Error.Validation(nameof(ReferralInput.PupilId), $"{pupil.DisplayName} has left the school, so cannot be referred");
        }

        var source = SourceFor(input);
        var errors = Check(input, source, enteredByOffice: me.Roles.Contains(Role.Administrator) && !me.Roles.Contains(Role.LocalAuthorityOfficer));
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var referral = Referral.Receive(db.CurrentSchoolId, pupilId, new NewReferral(
            source,
            me.UserId,
            source == ReferralSource.LocalAuthority && me.Roles.Contains(Role.Administrator)
                ? $"{TextRules.Tidy(input.LocalAuthorityReferrer)} (entered by {me.DisplayName})"
                : me.DisplayName,
            input.RequestedDiscipline,
            input.Reasons.Aggregate(ReferralReason.None, (all, r) => all | r),
            TextRules.Tidy(input.OtherReason),
            TextRules.Tidy(input.Details) ?? "",
            TextRules.Tidy(input.WhatHasBeenTried),
            input.Urgency,
            source is ReferralSource.ParentCarer or ReferralSource.Pupil || input.ConsentGiven,
            input.SafeguardingWorry,
            input.SubmissionKey), now);

        var earlier = await db.Referrals.AsNoTracking()
            .Where(r => r.PupilId == pupilId && (r.Status == ReferralStatus.Received || r.Status == ReferralStatus.UnderReview || r.Status == ReferralStatus.Accepted)
                        && (input.RequestedDiscipline == null || r.RequestedDiscipline == null || r.RequestedDiscipline == input.RequestedDiscipline || r.Discipline == input.RequestedDiscipline))
            .OrderBy(r => r.ReceivedAt).Select(r => (ReferralId?)r.Id).FirstOrDefaultAsync(ct);
        if (earlier is { } e)
        {
            referral.FlagPossibleDuplicate(e);
        }

        var disengaged = await db.Episodes.AsNoTracking()
            .Where(ep => ep.PupilId == pupilId && ep.Status == EpisodeStatus.Closed && ep.DischargeReason == DischargeReason.Disengagement
                         && (input.RequestedDiscipline == null || ep.Discipline == input.RequestedDiscipline))
            .OrderByDescending(ep => ep.EndDate).Select(ep => (Guid?)ep.Id).FirstOrDefaultAsync(ct);
        if (disengaged is { } episode)
        {
            referral.LinkPreviousEpisode(episode);
        }

        db.Referrals.Add(referral);
        audit.Record(ReferralAuditActions.Received, "Referral", referral.Id.ToString(), detail: $"{source}{(input.SafeguardingWorry ? ", safeguarding worry" : "")}");
        await alerts.ReferralReceivedAsync(referral, pupil, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same form arrived twice at the same moment: the other request made the referral.
            db.ChangeTracker.Clear();
            var made = await db.Referrals.SingleOrDefaultAsync(r => r.SubmissionKey == input.SubmissionKey, ct);
            if (made is null)
            {
                throw;
            }

            return made;
        }

        return referral;
    }

    private string NotYoursToRefer() =>
        me.Roles.Contains(Role.Pupil) && me.Roles.Count == 1 ? "You can ask for help for yourself here. If you are worried about a friend, tell a trusted adult."
        : me.Roles.Contains(Role.ParentCarer) && me.Roles.Count == 1 ? "You can only refer a child you are linked to as their parent or carer."
        : "That pupil was not found in this school.";

    private ReferralSource SourceFor(ReferralInput input)
    {
        if (me.Roles.Contains(Role.LocalAuthorityOfficer) || (me.Roles.Contains(Role.Administrator) && !string.IsNullOrWhiteSpace(input.LocalAuthorityReferrer)))
        {
            return ReferralSource.LocalAuthority;
        }

        if (me.Roles.Count == 1 && me.Roles.Contains(Role.ParentCarer))
        {
            return ReferralSource.ParentCarer;
        }

        if (me.Roles.Count == 1 && me.Roles.Contains(Role.Pupil))
        {
            return ReferralSource.Pupil;
        }

        return me.Roles.Any(r => r is Role.HeadOfTherapy or Role.Therapist or Role.TherapyAssistant) ? ReferralSource.TherapyTeam : ReferralSource.EducationStaff;
    }

    private static List<FieldError> Check(ReferralInput input, ReferralSource source, bool enteredByOffice)
    {
        var errors = new List<FieldError>();
        if (input.Reasons.Count == 0)
        {
            errors.Add(new(nameof(ReferralInput.Reasons), source == ReferralSource.Pupil ? "Choose at least one thing that is happening" : "Choose at least one reason for the referral"));
        }

        if (input.Reasons.Any(r => r == ReferralReason.None || !Enum.IsDefined(r)))
        {
            errors.Add(new(nameof(ReferralInput.Reasons), "Choose reasons from the list"));
        }

        if (input.Reasons.Contains(ReferralReason.Other) && string.IsNullOrWhiteSpace(input.OtherReason) && source != ReferralSource.Pupil)
        {
            errors.Add(new(nameof(ReferralInput.OtherReason), "Say what the other reason is"));
        }

        if (source != ReferralSource.Pupil && string.IsNullOrWhiteSpace(input.Details))
        {
            errors.Add(new(nameof(ReferralInput.Details), "Describe what you have noticed, so the therapy team can decide how to help"));
        }

        if (input.RequestedDiscipline is { } d && !Enum.IsDefined(d))
        {
            errors.Add(new(nameof(ReferralInput.RequestedDiscipline), "Choose a therapy from the list, or leave it to the team"));
        }

        if (!Enum.IsDefined(input.Urgency))
        {
            errors.Add(new(nameof(ReferralInput.Urgency), "Choose how urgent the referral is"));
        }

        if (source == ReferralSource.LocalAuthority && enteredByOffice && string.IsNullOrWhiteSpace(input.LocalAuthorityReferrer))
        {
            errors.Add(new(nameof(ReferralInput.LocalAuthorityReferrer), "Enter who at the local authority made the referral"));
        }

        return errors;
    }
}
