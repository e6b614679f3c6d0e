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
    public const string Unmatched = "referral.unmatched";
    public const string Matched = "referral.matched";
}

/// <summary>What the local authority is told about a referral it sent: received, for this UPN, at this time (to the second).</summary>
public sealed record AuthorityReceipt(string Upn, DateTime ReceivedAt)
{
    public DateTime ReceivedAt { get; } = new(ReceivedAt.Ticks - (ReceivedAt.Ticks % TimeSpan.TicksPerSecond), ReceivedAt.Kind);
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

        if (me.Roles.Contains(Role.LocalAuthorityOfficer) && !me.Roles.Contains(Role.Administrator))
        {
            return new Error.Validation(nameof(ReferralInput.Upn), "The local authority refers a pupil by UPN");
        }

        var source = SourceFor(input);
        var errors = Check(input, source, enteredByOffice: me.Roles.Contains(Role.Administrator) && !me.Roles.Contains(Role.LocalAuthorityOfficer));
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        return await MakeAsync(pupil, input, source, ct);
    }

    /// <summary>
    /// A local authority referral by UPN. The answer is the same whether or not the UPN is a pupil of
    /// the school ("received"): the authority may not learn who attends. A UPN that matches no current
    /// pupil is kept as sent for the school office to match.
    /// </summary>
    public async Task<Result<AuthorityReceipt>> SubmitFromAuthorityAsync(ReferralInput input, CancellationToken ct = default)
    {
        if (input.SubmissionKey == Guid.Empty)
        {
            return new Error.Validation("SubmissionKey", "This form has expired; open it again and resubmit");
        }

        var errors = Check(input, ReferralSource.LocalAuthority, enteredByOffice: false);

        // A local authority's case system (an API client) is no person: the referral names who at the authority made it
        // and the client that sent it, and no user is its referrer (nobody to tell of decisions, nothing to read back).
        var sentBy = me.IsApiClient ? SentBySystem(input, errors) : null;
        var referrerId = me.IsApiClient ? (Guid?)null : me.UserId;
        var made = await db.Referrals.Where(r => r.SubmissionKey == input.SubmissionKey && r.ReferrerUserId == referrerId && (sentBy == null || r.ReferrerName == sentBy))
                       .Select(r => (DateTime?)r.ReceivedAt).SingleOrDefaultAsync(ct)
                   ?? await db.UnmatchedReferrals.Where(r => r.SubmissionKey == input.SubmissionKey && r.ReferrerUserId == referrerId && (sentBy == null || r.ReferrerName == sentBy))
                       .Select(r => (DateTime?)r.ReceivedAt).SingleOrDefaultAsync(ct);
        Upn upn = default;
        if (string.IsNullOrWhiteSpace(input.Upn))
        {
            errors.Insert(0, new(nameof(ReferralInput.Upn), "Enter the pupil's UPN"));
        }
        else if (!Upn.TryParse(input.Upn, out upn, out var problem))
        {
            errors.Insert(0, new(nameof(ReferralInput.Upn), problem));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        if (made is { } already)
        {
            return new AuthorityReceipt(upn.Value, already);
        }

        var pupil = await db.Pupils.SingleOrDefaultAsync(p => p.Upn == upn.Value && p.LeftOn == null, ct);
        if (pupil is not null)
        {
            var referral = await MakeAsync(pupil, input, ReferralSource.LocalAuthority, ct, sentBy is null ? null : (null, sentBy));
            return referral.IsSuccess ? new AuthorityReceipt(upn.Value, referral.Value.ReceivedAt) : referral.Error!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var unmatched = UnmatchedReferral.Receive(db.CurrentSchoolId, upn.Value, referrerId, sentBy ?? me.DisplayName,
            System.Text.Json.JsonSerializer.Serialize(input), input.SubmissionKey, now);
        db.UnmatchedReferrals.Add(unmatched);
        audit.Record(ReferralAuditActions.Unmatched, "UnmatchedReferral", unmatched.Id.ToString(), detail: "UPN matches no current pupil");
        await alerts.UnmatchedReferralAsync(unmatched, ct);
        await db.SaveChangesAsync(ct);
        return new AuthorityReceipt(upn.Value, now);
    }

    /// <summary>
    /// Who sent a system's referral, as the school reads it: "Jo Bloggs, Kent County Council (sent by the API client Kent
    /// case system)". Both the person and the organisation must be given; null (with the errors added) when they are not.
    /// </summary>
    private string? SentBySystem(ReferralInput input, List<FieldError> errors)
    {
        var person = TextRules.Tidy(input.LocalAuthorityReferrer);
        var organisation = TextRules.Tidy(input.ReferrerOrganisation);
        if (person is null)
        {
            errors.Add(new(nameof(ReferralInput.LocalAuthorityReferrer), "Enter the name of the person at the local authority who made the referral"));
        }

        if (organisation is null)
        {
            errors.Add(new(nameof(ReferralInput.ReferrerOrganisation), "Enter the organisation the referrer works for, for example the local authority's name"));
        }

        if (person is null || organisation is null)
        {
            return null;
        }

        var suffix = $" (sent by the API client {me.DisplayName})";
        var room = MaxReferrerName - suffix.Length;
        if (person.Length + 2 + organisation.Length > room)
        {
            errors.Add(new(nameof(ReferralInput.ReferrerOrganisation), $"Keep the referrer's name and organisation to {room - 2} characters together"));
            return null;
        }

        return $"{person}, {organisation}{suffix}";
    }

    /// <summary>The longest a referral's "from" may be (the column's length).</summary>
    private const int MaxReferrerName = 200;

    /// <summary>
    /// The school office matches a local authority referral to the pupil with the UPN it enters (the
    /// authority's UPN may have had a typing error): the referral is made as the authority sent it.
    /// </summary>
    public async Task<Result<Referral>> MatchAsync(UnmatchedReferralId unmatchedId, string? upnText, CancellationToken ct = default)
    {
        var unmatched = await db.UnmatchedReferrals.SingleOrDefaultAsync(u => u.Id == unmatchedId, ct);
        if (unmatched is null)
        {
            return new Error.NotFound("That local authority referral was not found.");
        }

        if (string.IsNullOrWhiteSpace(upnText))
        {
            return new Error.Validation("Upn", "Enter the UPN of the pupil this referral is for");
        }

        if (!Upn.TryParse(upnText, out var upn, out var problem))
        {
            return new Error.Validation("Upn", problem);
        }

        var pupil = await db.Pupils.SingleOrDefaultAsync(p => p.Upn == upn.Value && p.LeftOn == null, ct);
        if (pupil is null)
        {
            return new Error.Validation("Upn", $"No current pupil has UPN {upn.Value}");
        }

        if (unmatched.Resolution is not null)
        {
            return new Error.Conflict("This local authority referral has already been dealt with; nothing was changed.");
        }

        var input = System.Text.Json.JsonSerializer.Deserialize<ReferralInput>(unmatched.Content) ?? new ReferralInput();
        var made = await MakeAsync(pupil, input, ReferralSource.LocalAuthority, ct, (unmatched.ReferrerUserId, unmatched.ReferrerName));
        if (made.IsSuccess)
        {
            unmatched.Match(made.Value.Id, me.UserId, clock.GetUtcNow().UtcDateTime);
            audit.Record(ReferralAuditActions.Matched, "UnmatchedReferral", unmatched.Id.ToString(), detail: $"referral {made.Value.Id}");
            await db.SaveChangesAsync(ct);
        }

        return made;
    }

    /// <summary>The office says the UPN is not a pupil of this school; the authority sees that on its list.</summary>
    public async Task<Outcome> NotOurPupilAsync(UnmatchedReferralId unmatchedId, CancellationToken ct = default)
    {
        var unmatched = await db.UnmatchedReferrals.SingleOrDefaultAsync(u => u.Id == unmatchedId, ct);
        if (unmatched is null)
        {
            return new Error.NotFound("That local authority referral was not found.");
        }

        var resolved = unmatched.NotOurPupil(me.UserId, clock.GetUtcNow().UtcDateTime);
        if (resolved.IsSuccess)
        {
            audit.Record(ReferralAuditActions.Matched, "UnmatchedReferral", unmatched.Id.ToString(), detail: "not a pupil of this school");
            await db.SaveChangesAsync(ct);
        }

        return resolved;
    }

    /// <summary>Makes the referral from a checked form, for a pupil the user may refer.</summary>
    private async Task<Result<Referral>> MakeAsync(Pupil pupil, ReferralInput input, ReferralSource source, CancellationToken ct, (Guid? Id, string Name)? referrer = null)
    {
        var pupilId = pupil.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var referral = Referral.Receive(db.CurrentSchoolId, pupilId, new NewReferral(
            source,
            referrer is { } who ? who.Id : me.UserId,
            referrer is { } named ? named.Name
            : source == ReferralSource.LocalAuthority && me.Roles.Contains(Role.Administrator) && !string.IsNullOrWhiteSpace(input.LocalAuthorityReferrer)
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
            input.SubmissionKey,
            TextRules.Tidy(input.SafeguardingDetails)), now);

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
            .OrderByDescending(ep => ep.EndDate).Select(ep => (EpisodeId?)ep.Id).FirstOrDefaultAsync(ct);
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
