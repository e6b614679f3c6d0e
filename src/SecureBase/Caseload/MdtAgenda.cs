using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Staff;

namespace SecureBase.Caseload;

public static class MdtAuditActions
{
    public const string Prepared = "mdt.prepared";
    public const string Recorded = "mdt.recorded";
}

public sealed class MdtRecordInput
{
    [Display(Name = "Who attended")]
    [Needed]
    [SchoolText(2000, MultiLine = true)]
    public string? Attendees { get; set; }

    [Display(Name = "Apologies")]
    [SchoolText(1000, MultiLine = true)]
    public string? Apologies { get; set; }

    [Display(Name = "Discussion points")]
    [SchoolText(8000, MultiLine = true)]
    public string? DiscussionPoints { get; set; }

    [Display(Name = "Decisions")]
    [SchoolText(8000, MultiLine = true)]
    public string? Decisions { get; set; }

    public List<MdtActionInput> Actions { get; set; } = [];
}

public sealed class MdtActionInput
{
    [SchoolText(500)]
    public string? Description { get; set; }

    public Guid? OwnerUserId { get; set; }
    public DateOnly? DueOn { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Description) && OwnerUserId is null && DueOn is null;
}

/// <summary>
/// The weekly MDT meeting: the system prepares the agenda from what is happening (new referrals,
/// pupils ready for allocation, safeguarding follow-ups and more), and the meeting records who came,
/// the discussion, the decisions and actions with owners and due dates.
/// </summary>
public sealed class MdtMeetings(SecureBaseDb db, WaitingList waiting, Pupils.EhcpPlans ehcps, CurrentUser me, AuditLog audit, TimeProvider clock, Schools.SchoolClock schoolClock, IEnumerable<IMdtAgendaSource> sources)
{
    /// <summary>The agenda as it would be prepared for a meeting on <paramref name="heldOn"/>, from the last meeting to now.</summary>
    public async Task<IReadOnlyList<MdtAgendaItem>> DraftAgendaAsync(DateOnly heldOn, CancellationToken ct = default)
    {
        var last = await db.MdtMeetings.AsNoTracking().Where(m => m.HeldOn < heldOn).OrderByDescending(m => m.HeldOn).Select(m => (DateOnly?)m.HeldOn).FirstOrDefaultAsync(ct);
        var since = schoolClock.ToUtc(last ?? heldOn.AddDays(-7), TimeOnly.MinValue);
        var items = new List<MdtAgendaItem>();

        var fresh = await (from r in db.Referrals
                           join p in db.Pupils on r.PupilId equals p.Id
                           where r.ReceivedAt >= since || r.Status == ReferralStatus.Received || r.Status == ReferralStatus.UnderReview
                           where r.Status != ReferralStatus.Closed
                           orderby r.ReceivedAt
                           select new { r.Id, r.PupilId, r.Source, r.Urgency, r.Status, r.SafeguardingWorry, Name = (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName) })
            .ToListAsync(ct);
        items.AddRange(fresh.Select(r => new MdtAgendaItem(AgendaItemKind.NewReferral, $"New referral: {r.Name}",
            $"{ReferralReasons.Source(r.Source)}, {ReferralReasons.Urgency(r.Urgency).ToLowerInvariant()}, {Referral.StatusWords(r.Status)}", r.PupilId, r.Id.Value)));

        items.AddRange((await waiting.ListAsync(ct: ct)).Select(w => new MdtAgendaItem(AgendaItemKind.ReadyForAllocation, $"Ready for allocation: {w.PupilName}",
            $"{Disciplines.Name(w.Discipline)}, priority {w.Priority}, waiting {Web.PlainWords.Count(w.WeeksWaited, "week")}", w.PupilId, w.ReferralId.Value)));

        var outOfDate = await ehcps.ListAsync(null, outOfDateOnly: true, ct);
        foreach (var row in outOfDate.Rows.Where(r => r.Flags.Count > 0))
        {
            items.Add(new MdtAgendaItem(AgendaItemKind.OutOfDateEhcp, $"Out-of-date EHCP: {row.PupilName}", string.Join(" ", row.Flags.Select(f => f.Reason)), row.PupilId, null));
        }

        foreach (var source in sources)
        {
            items.AddRange(await source.ItemsAsync(heldOn, ct));
        }

        // Safeguarding is on the agenda only as "follow-up due": the concern itself stays with the DSL.
        items.AddRange(fresh.Where(r => r.SafeguardingWorry).Select(r => new MdtAgendaItem(AgendaItemKind.SafeguardingFollowUp,
            $"Safeguarding follow-up due: {r.Name}", null, r.PupilId, null)));
        return items;
    }

    public async Task<Result<MdtMeeting>> PrepareAsync(DateOnly heldOn, CancellationToken ct = default)
    {
        var today = schoolClock.Today;
        if (heldOn < today.AddDays(-7) || heldOn > today.AddDays(60))
        {
            return new Error.Validation("HeldOn", "Prepare a meeting for a date from a week ago to two months ahead");
        }

        if (await db.MdtMeetings.AnyAsync(m => m.HeldOn == heldOn, ct))
        {
            return new Error.Conflict($"A meeting on {heldOn:d MMMM yyyy} is already prepared.");
        }

        var meeting = MdtMeeting.Prepare(db.CurrentSchoolId, heldOn, await DraftAgendaAsync(heldOn, ct), me.UserId, clock.GetUtcNow().UtcDateTime);
        db.MdtMeetings.Add(meeting);
        audit.Record(MdtAuditActions.Prepared, "MdtMeeting", meeting.Id.ToString());
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    public async Task<Result<MdtMeeting>> RecordAsync(Guid meetingId, MdtRecordInput input, CancellationToken ct = default)
    {
        var meeting = await db.MdtMeetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            return new Error.NotFound("That meeting was not found.");
        }

        var errors = new List<FieldError>();
        var owners = await TeamAsync(ct);
        var actions = new List<MdtAction>();
        for (var i = 0; i < input.Actions.Count; i++)
        {
            var a = input.Actions[i];
            if (a.IsEmpty)
            {
                continue;
            }

            var field = $"Actions[{i}]";
            if (string.IsNullOrWhiteSpace(a.Description))
            {
                errors.Add(new(field, "Say what the action is"));
            }
            else if (a.OwnerUserId is not { } owner || !owners.TryGetValue(owner, out var ownerName))
            {
                errors.Add(new(field, $"Choose who owns \"{a.Description}\""));
            }
            else if (a.DueOn is not { } due)
            {
                errors.Add(new(field, $"Give a due date for \"{a.Description}\""));
            }
            else if (due < meeting.HeldOn)
            {
                errors.Add(new(field, $"\"{a.Description}\" is due before the meeting was held"));
            }
            else
            {
                actions.Add(MdtAction.Agree(db.CurrentSchoolId, meeting.Id, TextRules.Tidy(a.Description)!, owner, ownerName, due));
            }
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var recorded = meeting.Record(TextRules.Tidy(input.Attendees) ?? "", TextRules.Tidy(input.Apologies), TextRules.Tidy(input.DiscussionPoints), TextRules.Tidy(input.Decisions), me.UserId, clock.GetUtcNow().UtcDateTime);
        if (!recorded.IsSuccess)
        {
            return recorded.Error!;
        }

        db.MdtActions.AddRange(actions);
        audit.Record(MdtAuditActions.Recorded, "MdtMeeting", meeting.Id.ToString(), detail: $"{actions.Count} actions");
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>Who can own an action: staff of this school with an account.</summary>
    public async Task<Dictionary<Guid, string>> TeamAsync(CancellationToken ct = default)
    {
        var staffRoles = new[] { Role.HeadOfTherapy, Role.Therapist, Role.TherapyAssistant, Role.Sendco, Role.Headteacher, Role.Dsl, Role.EducationStaff, Role.Administrator };
        // One query, names only (it was two, the second reading and tracking each whole user record).
        return await db.Users.AsNoTracking().Where(u => db.Memberships.Any(m => m.UserId == u.Id && staffRoles.Contains(m.Role)))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public async Task<Outcome> CompleteActionAsync(Guid actionId, CancellationToken ct = default)
    {
        var action = await db.MdtActions.SingleOrDefaultAsync(a => a.Id == actionId && a.OwnerUserId == me.UserId, ct);
        if (action is null)
        {
            return new Error.NotFound("That action was not found among yours.");
        }

        var done = action.MarkDone(me.UserId, clock.GetUtcNow().UtcDateTime);
        if (done.IsSuccess)
        {
            await db.SaveChangesAsync(ct);
        }

        return done;
    }
}

/// <summary>
/// A module's contribution to the MDT agenda ("week 6 check due for …", "nearing the 6-week limit",
/// "EHCP provision short"): the agenda is prepared from every source registered, so a module adds its
/// items without the meeting reading its tables. Items name a pupil so that each role sees only those it may.
/// </summary>
public interface IMdtAgendaSource
{
    Task<IReadOnlyList<MdtAgendaItem>> ItemsAsync(DateOnly heldOn, CancellationToken ct);
}
