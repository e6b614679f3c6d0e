using Microsoft.AspNetCore.Mvc;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Liaison;

internal sealed record ContactDto(
    LiaisonContactId Id, DateOnly OccurredOn, ContactParty Party, string WhoName, string? WhoRole, string? Organisation, ContactMethod Method, string Summary,
    string? FollowUp, Guid? FollowUpBy, string? FollowUpByName, DateOnly? FollowUpDue, bool FollowUpDone, string RecordedBy, DateTime RecordedAt);

internal sealed record SummaryDto(FamilySummaryId Id, int Version, SummaryStatus Status, string Text, string WrittenBy, DateTime WrittenAt, string? ApprovedBy, DateTime? ApprovedAt);

internal sealed record MeetingDto(
    FamilyMeetingId Id, DateOnly HeldOn, string Place, string Agenda, string FamilyAttendees, string? StaffAttendees, string? OtherAttendees, string? TeamNotes,
    IReadOnlyList<SummaryDto> Summaries);

internal sealed record MessageDto(FamilyMessageId Id, FamilyMessageId ThreadId, bool FromFamily, string Subject, string Body, string Author, DateTime SentAt);

internal sealed record LiaisonDto(PupilId PupilId, string Pupil, IReadOnlyList<ContactDto> Contacts, IReadOnlyList<MeetingDto> Meetings, IReadOnlyList<MessageDto> Messages);

internal sealed record SharedSummaryDto(FamilyMeetingId MeetingId, DateOnly HeldOn, string Place, int Version, string Text, DateTime ApprovedAt);

internal sealed record FamilyDto(PupilId PupilId, string Pupil, IReadOnlyList<SharedSummaryDto> Summaries, IReadOnlyList<MessageDto> Messages);

internal sealed record EveningDto(PupilId PupilId, string Pupil, int YearGroup, string? TutorGroup, IReadOnlyList<string> Practitioners, IReadOnlyList<SharedSummaryDto> Summaries,
    IReadOnlyList<Reports.SharedReportTitle> Reports, IReadOnlyList<string> NextAppointments);

internal sealed record MeetingBody(DateOnly? HeldOn, string? Place, string? Agenda, string? FamilyAttendees, string? StaffAttendees, string? OtherAttendees, string? TeamNotes, string? Summary)
{
    public FamilyMeetingInput ToInput() => new(HeldOn, Place, Agenda, FamilyAttendees, StaffAttendees, OtherAttendees, TeamNotes);
}

internal sealed record SummaryBody(string? Text);

internal sealed record ReplyBody(string? Body);

internal sealed record MessageBody(string? Subject, string? Body);

/// <summary>Liaison over the API: the same steps as the pages, under the same policy table.</summary>
internal static class LiaisonApi
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder api)
    {
        var pupil = api.MapGroup("/pupils/{pupilId:guid}").WithTags("Liaison");
        pupil.MapGet("/liaison", ReadAsync).Permits(SchoolAction.ViewLiaison)
            .WithSummary("A pupil's contact log, family meetings (team notes and every summary version) and the family's messages: the Head of Therapy and the pupil's own practitioners; audited");
        pupil.MapPost("/liaison/contacts", LogAsync).Permits(SchoolAction.RecordLiaison)
            .WithSummary("Log a contact (occurredOn, party: ParentCarer, Camhs, LocalAuthority, ChildrensSocialCare, Gp, Paediatrician, PreviousSchool, Other; whoName, whoRole, organisation, method: Phone, Email, Meeting, Letter, Other; summary; followUp, followUpBy: a user of the pupil's therapy team, followUpDue)");
        pupil.MapPost("/family-meetings", RecordMeetingAsync).Permits(SchoolAction.RecordLiaison)
            .WithSummary("Record a meeting with the family (heldOn, place, agenda, familyAttendees, staffAttendees, otherAttendees, teamNotes: never shared, summary: for the family, a draft until approved)");
        pupil.MapPost("/messages-to-therapy-team", SendAsync).Permits(SchoolAction.MessageTherapyTeam)
            .WithSummary("A parent writes to the therapy team about their own child (subject, body); it is logged as a contact and the pupil's practitioners and the Head of Therapy are told");
        var g = api.MapGroup("/liaison").WithTags("Liaison");
        g.MapPost("/contacts/{contactId:guid}/follow-up-done", DoneAsync).Permits(SchoolAction.RecordLiaison)
            .WithSummary("Mark a contact's follow-up done");
        g.MapPut("/family-meetings/{familyMeetingId:guid}/summary", WriteSummaryAsync).Permits(SchoolAction.RecordLiaison)
            .WithSummary("Write the meeting's summary for the family (text): a draft changes (200); after approval the edit is the next version, a draft (201), and the approved one stays what the family reads");
        g.MapPost("/family-meetings/{familyMeetingId:guid}/summary/approve", ApproveAsync).Permits(SchoolAction.ApproveFamilySummary)
            .WithSummary("Approve the meeting's draft summary so the family reads it in the portal: the practitioner who wrote it or the Head of Therapy");
        g.MapPost("/family-messages/{familyMessageId:guid}/replies", ReplyAsync).Permits(SchoolAction.RecordLiaison)
            .WithSummary("Reply to a family's message (body); the reply shows in the parent's portal");
        g.MapGet("/my-children", FamilyAsync).Permits(SchoolAction.ViewFamilyLiaison)
            .WithSummary("For a parent: each of their children with the approved family meeting summaries and their conversations with the therapy team");
        g.MapGet("/parents-evening", EveningAsync).Permits(SchoolAction.PrintParentsEvening)
            .WithSummary("The parents' evening sheet for the pupils chosen (pupilIds, or year): per child what may be shared with the family; audited");
        return api;
    }

    private static async Task<IResult> ReadAsync(PupilId pupilId, LiaisonDesk desk, CancellationToken ct)
    {
        if (await desk.ReadAsync(pupilId, "API", ct) is not { } l)
        {
            return new Error.NotFound("That pupil was not found among the pupils you work with.").ToProblem();
        }

        return TypedResults.Ok(new LiaisonDto(l.Pupil.Id, l.Pupil.DisplayName, l.Contacts.Select(ToDto).ToList(),
            l.Meetings.Select(m => new MeetingDto(m.Meeting.Id, m.Meeting.HeldOn, m.Meeting.Place, m.Meeting.Agenda, m.Meeting.FamilyAttendees, m.Meeting.StaffAttendees,
                m.Meeting.OtherAttendees, m.Meeting.TeamNotes, m.Summaries.Select(ToDto).ToList())).ToList(),
            l.Threads.SelectMany(t => t.Messages).Select(ToDto).ToList()));
    }

    private static async Task<IResult> LogAsync(PupilId pupilId, ContactInput body, LiaisonDesk desk, CancellationToken ct)
    {
        var logged = await desk.LogContactAsync(pupilId, body, ct);
        return logged.IsSuccess ? TypedResults.Created($"/api/v1/pupils/{pupilId}/liaison", ToDto(logged.Value)) : logged.Error!.ToProblem();
    }

    private static async Task<IResult> DoneAsync(LiaisonContactId contactId, LiaisonDesk desk, CancellationToken ct)
    {
        var done = await desk.MarkFollowUpDoneAsync(contactId, ct);
        return done.IsSuccess ? TypedResults.Ok(ToDto(done.Value)) : done.Error!.ToProblem();
    }

    private static async Task<IResult> RecordMeetingAsync(PupilId pupilId, MeetingBody body, LiaisonDesk desk, CancellationToken ct)
    {
        var recorded = await desk.RecordMeetingAsync(pupilId, body.ToInput(), body.Summary, ct);
        return recorded.IsSuccess
            ? TypedResults.Created($"/api/v1/pupils/{pupilId}/liaison", new { recorded.Value.Id, recorded.Value.HeldOn })
            : recorded.Error!.ToProblem();
    }

    private static async Task<IResult> WriteSummaryAsync(FamilyMeetingId familyMeetingId, SummaryBody body, LiaisonDesk desk, CancellationToken ct)
    {
        var written = await desk.WriteSummaryAsync(familyMeetingId, body.Text, ct);
        if (!written.IsSuccess)
        {
            return written.Error!.ToProblem();
        }

        return written.Value.Version == 1 ? TypedResults.Ok(ToDto(written.Value)) : TypedResults.Created($"/api/v1/liaison/family-meetings/{familyMeetingId}/summary", ToDto(written.Value));
    }

    private static async Task<IResult> ApproveAsync(FamilyMeetingId familyMeetingId, LiaisonDesk desk, CancellationToken ct)
    {
        var approved = await desk.ApproveSummaryAsync(familyMeetingId, ct);
        return approved.IsSuccess ? TypedResults.Ok(ToDto(approved.Value)) : approved.Error!.ToProblem();
    }

    private static async Task<IResult> ReplyAsync(FamilyMessageId familyMessageId, ReplyBody body, LiaisonDesk desk, CancellationToken ct)
    {
        var reply = await desk.ReplyAsync(familyMessageId, body.Body, ct);
        return reply.IsSuccess ? TypedResults.Created("/api/v1/liaison/my-children", ToDto(reply.Value)) : reply.Error!.ToProblem();
    }

    private static async Task<IResult> SendAsync(PupilId pupilId, MessageBody body, LiaisonDesk desk, CancellationToken ct)
    {
        var sent = await desk.SendAsync(pupilId, body.Subject, body.Body, ct);
        return sent.IsSuccess ? TypedResults.Created("/api/v1/liaison/my-children", ToDto(sent.Value)) : sent.Error!.ToProblem();
    }

    private static async Task<IReadOnlyList<FamilyDto>> FamilyAsync(LiaisonDesk desk, CancellationToken ct) =>
        (await desk.ForMyChildrenAsync(ct)).Select(f => new FamilyDto(f.PupilId, f.Pupil,
            f.Summaries.Select(s => Shared(s.Meeting, s.Summary)).ToList(), f.Threads.SelectMany(t => t.Messages).Select(ToDto).ToList())).ToList();

    private static async Task<IReadOnlyList<EveningDto>> EveningAsync([FromQuery] Guid[]? pupilIds, [FromQuery] int? year, LiaisonDesk desk, CancellationToken ct)
    {
        var chosen = (pupilIds ?? []).Select(PupilId.From).ToList();
        if (year is { } y)
        {
            chosen.AddRange((await desk.PupilsOnRollAsync(ct)).Where(p => p.YearGroup == y).Select(p => p.Id));
        }

        return (await desk.ParentsEveningAsync(chosen, ct)).Select(s => new EveningDto(s.PupilId, s.Pupil, s.YearGroup, s.TutorGroup,
            s.Practitioners.Select(p => $"{p.Name} ({p.What})").ToList(),
            s.Summaries.Select(x => new SharedSummaryDto(x.Summary.MeetingId, x.HeldOn, "", x.Summary.Version, x.Summary.Text, x.Summary.ApprovedAt!.Value)).ToList(),
            s.Reports, s.Appointments.Select(LiaisonWords.Appointment).ToList())).ToList();
    }

    private static SharedSummaryDto Shared(FamilyMeeting m, FamilySummary s) => new(m.Id, m.HeldOn, m.Place, s.Version, s.Text, s.ApprovedAt!.Value);

    private static ContactDto ToDto(LiaisonContact c) => new(c.Id, c.OccurredOn, c.Party, c.WhoName, c.WhoRole, c.Organisation, c.Method, c.Summary,
        c.FollowUp, c.FollowUpBy, c.FollowUpByName, c.FollowUpDue, c.FollowUpDoneAt is not null, c.RecordedByName, c.RecordedAt);

    private static SummaryDto ToDto(FamilySummary s) => new(s.Id, s.Version, s.Status, s.Text, s.WrittenByName, s.WrittenAt, s.ApprovedByName, s.ApprovedAt);

    private static MessageDto ToDto(FamilyMessage m) => new(m.Id, m.ThreadId, m.FromFamily, m.Subject, m.Body, m.AuthorName, m.SentAt);
}
