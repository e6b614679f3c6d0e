using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Liaison;

/// <summary>Someone in a pupil's therapy team: the practitioners holding an open episode and the Head(s) of Therapy.</summary>
internal sealed record TeamMember(Guid UserId, string Name, string What);

/// <summary>A pupil's liaison record as the therapy team reads it.</summary>
internal sealed record PupilLiaison(
    Pupil Pupil,
    IReadOnlyList<LiaisonContact> Contacts,
    IReadOnlyList<MeetingView> Meetings,
    IReadOnlyList<ThreadView> Threads,
    IReadOnlyList<TeamMember> Team,
    DateOnly Today);

/// <summary>A family meeting with its summary's versions, newest last.</summary>
internal sealed record MeetingView(FamilyMeeting Meeting, IReadOnlyList<FamilySummary> Summaries)
{
    /// <summary>What the family reads now: the newest approved version.</summary>
    public FamilySummary? Shared => Summaries.LastOrDefault(s => s.IsApproved);

    public FamilySummary? Latest => Summaries.LastOrDefault();
}

/// <summary>A conversation between a family and the therapy team, oldest message first.</summary>
internal sealed record ThreadView(FamilyMessageId Id, string Subject, IReadOnlyList<FamilyMessage> Messages);

/// <summary>What a parent sees about one of their children.</summary>
internal sealed record FamilyView(PupilId PupilId, string Pupil, IReadOnlyList<(FamilyMeeting Meeting, FamilySummary Summary)> Summaries, IReadOnlyList<ThreadView> Threads);

/// <summary>One child's page of the parents' evening sheet: only what may be shared with the family.</summary>
internal sealed record EveningSheet(
    PupilId PupilId,
    string Pupil,
    int YearGroup,
    string? TutorGroup,
    IReadOnlyList<TeamMember> Practitioners,
    IReadOnlyList<(DateOnly HeldOn, FamilySummary Summary)> Summaries,
    IReadOnlyList<Reports.SharedReportTitle> Reports,
    IReadOnlyList<Sessions.FamilySessionLine> Appointments);

/// <summary>
/// Liaison with families and agencies (C13): the contact log, family meetings and their summaries for the family,
/// parents' messages and the team's replies, and the parents' evening sheet. The therapy team within the pupil's
/// circle (the Head of Therapy, the pupil's own practitioners) reads and writes; every read is audited. A parent
/// reaches only their own child (not through a restricted link) and only what was approved for them.
/// </summary>
internal sealed class LiaisonDesk(
    SecureBaseDb db,
    PupilAccess access,
    CurrentUser me,
    ConfidentialReads reads,
    AuditLog audit,
    Notifier notifier,
    Reports.IFamilyReports familyReports,
    Sessions.SessionViews sessions,
    TimeProvider clock, Schools.SchoolClock schoolClock)
{
    public const string ContactLogged = "liaison.contact-logged";
    public const string FollowUpDone = "liaison.follow-up-done";
    public const string MeetingRecorded = "liaison.family-meeting-recorded";
    public const string SummaryWritten = "liaison.family-summary-written";
    public const string SummaryApproved = "liaison.family-summary-approved";
    public const string MessageSent = "liaison.family-message";
    public const string ReplySent = "liaison.family-reply";
    public const string EveningPrinted = "liaison.parents-evening-printed";

    public DateOnly Today => schoolClock.Today;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private bool IsHead => me.ScopeFor(SchoolAction.ViewLiaison).HasFlag(Scope.School);

    /// <summary>The pupil's liaison record for the therapy team, audited; null when the pupil is outside the user's circle.</summary>
    public async Task<PupilLiaison?> ReadAsync(PupilId pupilId, string channel, CancellationToken ct)
    {
        if (await access.FindAsync(pupilId, SchoolAction.ViewLiaison, ct) is not { } pupil)
        {
            return null;
        }

        var opened = await reads.OpenAsync("PupilLiaison", pupil.Id.ToString(), "contact log", IsHead ? "the Head of Therapy" : "the pupil's own practitioner", null, null, channel, ct);
        if (!opened.IsSuccess)
        {
            return null;
        }

        var contacts = await db.LiaisonContacts.AsNoTracking().Where(c => c.PupilId == pupilId).ToListAsync(ct);
        var meetings = await MeetingsAsync(pupilId, approvedOnly: false, ct);
        var threads = await ThreadsAsync([pupilId], ct);
        return new PupilLiaison(pupil, contacts.OrderByDescending(c => c.OccurredOn).ThenByDescending(c => c.RecordedAt).ToList(), meetings,
            threads.GetValueOrDefault(pupilId, []), await TeamAsync(pupilId, ct), Today);
    }

    /// <summary>Logs a contact with an agency or the family.</summary>
    public async Task<Result<LiaisonContact>> LogContactAsync(PupilId pupilId, ContactInput input, CancellationToken ct)
    {
        if (await access.FindAsync(pupilId, SchoolAction.RecordLiaison, ct) is not { } pupil)
        {
            return PupilNotFound;
        }

        var team = (await TeamAsync(pupilId, ct)).ToDictionary(t => t.UserId, t => t.Name);
        var logged = LiaisonContact.Log(db.CurrentSchoolId, pupil.Id, input, team, Today, me.UserId, me.DisplayName, Now);
        if (logged.IsSuccess)
        {
            db.LiaisonContacts.Add(logged.Value);
            audit.Record(ContactLogged, nameof(LiaisonContact), logged.Value.Id.ToString(), detail: ContactWords.Of(logged.Value.Party));
            await db.SaveChangesAsync(ct);
        }

        return logged;
    }

    /// <summary>Marks a contact's follow-up done.</summary>
    public async Task<Result<LiaisonContact>> MarkFollowUpDoneAsync(LiaisonContactId id, CancellationToken ct)
    {
        if (await db.LiaisonContacts.SingleOrDefaultAsync(c => c.Id == id, ct) is not { } contact
            || await access.FindAsync(contact.PupilId, SchoolAction.RecordLiaison, ct) is null)
        {
            return new Error.NotFound("That contact was not found.");
        }

        var done = contact.MarkFollowUpDone(me.DisplayName, Now);
        if (!done.IsSuccess)
        {
            return done.Error!;
        }

        audit.Record(FollowUpDone, nameof(LiaisonContact), contact.Id.ToString());
        await db.SaveChangesAsync(ct);
        return contact;
    }

    public async Task<Result<FamilyMeeting>> RecordMeetingAsync(PupilId pupilId, FamilyMeetingInput input, string? summary, CancellationToken ct)
    {
        if (await access.FindAsync(pupilId, SchoolAction.RecordLiaison, ct) is not { } pupil)
        {
            return PupilNotFound;
        }

        var recorded = FamilyMeeting.Record(db.CurrentSchoolId, pupil.Id, input, Today, me.UserId, me.DisplayName, Now);
        if (!recorded.IsSuccess)
        {
            return recorded;
        }

        FamilySummary? written = null;
        if (TextRules.Tidy(summary) is not null)
        {
            var first = FamilySummary.Write(recorded.Value, null, summary, me.UserId, me.DisplayName, Now);
            if (!first.IsSuccess)
            {
                return first.Error!;
            }

            written = first.Value;
        }

        db.FamilyMeetings.Add(recorded.Value);
        audit.Record(MeetingRecorded, nameof(FamilyMeeting), recorded.Value.Id.ToString());
        if (written is not null)
        {
            db.FamilySummaries.Add(written);
            audit.Record(SummaryWritten, nameof(FamilySummary), written.Id.ToString(), detail: "version 1");
        }

        await db.SaveChangesAsync(ct);
        return recorded;
    }

    /// <summary>Writes a meeting's summary for the family: a draft changes in place; after approval an edit is the next version.</summary>
    public async Task<Result<FamilySummary>> WriteSummaryAsync(FamilyMeetingId meetingId, string? text, CancellationToken ct)
    {
        if (await db.FamilyMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct) is not { } meeting
            || await access.FindAsync(meeting.PupilId, SchoolAction.RecordLiaison, ct) is null)
        {
            return MeetingNotFound;
        }

        var latest = await db.FamilySummaries.Where(s => s.MeetingId == meetingId).OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);
        var written = FamilySummary.Write(meeting, latest, text, me.UserId, me.DisplayName, Now);
        if (!written.IsSuccess)
        {
            return written;
        }

        if (!ReferenceEquals(written.Value, latest))
        {
            db.FamilySummaries.Add(written.Value);
        }

        audit.Record(SummaryWritten, nameof(FamilySummary), written.Value.Id.ToString(), detail: $"version {written.Value.Version}");
        await db.SaveChangesAsync(ct);
        return written;
    }

    /// <summary>Approves the meeting's draft summary (the practitioner who wrote it, or the Head of Therapy); the family then reads it.</summary>
    public async Task<Result<FamilySummary>> ApproveSummaryAsync(FamilyMeetingId meetingId, CancellationToken ct)
    {
        if (await db.FamilyMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct) is not { } meeting
            || await access.FindAsync(meeting.PupilId, SchoolAction.ApproveFamilySummary, ct) is null)
        {
            return MeetingNotFound;
        }

        if (await db.FamilySummaries.Where(s => s.MeetingId == meetingId).OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct) is not { } latest)
        {
            return new Error.Conflict("There is no summary to approve yet: write the summary for the family first.");
        }

        var approved = latest.Approve(me.UserId, me.DisplayName, me.ScopeFor(SchoolAction.ApproveFamilySummary).HasFlag(Scope.School), Now);
        if (!approved.IsSuccess)
        {
            return approved.Error!;
        }

        audit.Record(SummaryApproved, nameof(FamilySummary), latest.Id.ToString(), detail: $"version {latest.Version}");
        var parents = await ParentUsersAsync(meeting.PupilId, ct);
        await notifier.QueueAsync(parents,
            [new NotificationMessage("A summary of your meeting with the therapy team", $"The summary of the meeting on {meeting.HeldOn:d MMMM yyyy} is ready to read.",
                "/my-children/therapy-team", $"family-summary:{latest.Id}", SchoolAction.ViewFamilyLiaison)], Now, ct);
        await db.SaveChangesAsync(ct);
        return latest;
    }

    /// <summary>The therapy team's reply to a family's conversation; the parent who wrote is told there is something to read.</summary>
    public async Task<Result<FamilyMessage>> ReplyAsync(FamilyMessageId messageId, string? body, CancellationToken ct)
    {
        if (await db.FamilyMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId, ct) is not { } message
            || await access.FindAsync(message.PupilId, SchoolAction.RecordLiaison, ct) is null)
        {
            return new Error.NotFound("That message was not found.");
        }

        var reply = message.Reply(body, me.UserId, me.DisplayName, Today, Now);
        if (!reply.IsSuccess)
        {
            return reply;
        }

        db.FamilyMessages.Add(reply.Value);
        audit.Record(ReplySent, nameof(FamilyMessage), reply.Value.Id.ToString());
        var writers = await db.FamilyMessages.AsNoTracking().Where(m => m.ThreadId == message.ThreadId && m.FromFamily).Select(m => m.AuthorUserId).Distinct().ToListAsync(ct);
        await notifier.QueueAsync(writers,
            [new NotificationMessage("The therapy team replied to your message", "There is a reply for you to read.", "/my-children/therapy-team",
                $"family-reply:{reply.Value.Id}", SchoolAction.ViewFamilyLiaison)], Now, ct);
        await db.SaveChangesAsync(ct);
        return reply;
    }

    /// <summary>For a parent: each of their children (unrestricted links), with the approved summaries and their conversations with the team.</summary>
    public async Task<IReadOnlyList<FamilyView>> ForMyChildrenAsync(CancellationToken ct)
    {
        var children = await access.Visible(SchoolAction.ViewFamilyLiaison).AsNoTracking().ToListAsync(ct);
        if (children.Count == 0 || !me.ScopeFor(SchoolAction.ViewFamilyLiaison).HasFlag(Scope.OwnChild))
        {
            return [];
        }

        var ids = children.Select(c => c.Id).ToList();
        var meetings = await db.FamilyMeetings.AsNoTracking().Where(m => ids.Contains(m.PupilId)).ToListAsync(ct);
        var approved = await db.FamilySummaries.AsNoTracking().Where(s => ids.Contains(s.PupilId) && s.Status == SummaryStatus.Approved).ToListAsync(ct);
        var threads = await ThreadsAsync(ids, ct);
        var views = new List<FamilyView>();
        foreach (var child in children.OrderBy(c => c.DisplayName, StringComparer.CurrentCulture))
        {
            var shared = meetings.Where(m => m.PupilId == child.Id)
                .Select(m => (Meeting: m, Summary: approved.Where(s => s.MeetingId == m.Id).MaxBy(s => s.Version)))
                .Where(x => x.Summary is not null)
                .OrderByDescending(x => x.Meeting.HeldOn)
                .Select(x => (x.Meeting, x.Summary!))
                .ToList();
            views.Add(new FamilyView(child.Id, child.DisplayName, shared, threads.GetValueOrDefault(child.Id, [])));
            await audit.RecordReadAsync("FamilyPortal", child.Id.ToString(), "a parent reading their own child's approved summaries and messages", ct);
        }

        return views;
    }

    /// <summary>
    /// A parent's message to the therapy team about their own child: logged as a contact, and the pupil's practitioners
    /// and the Head of Therapy are told (in the app; by email only "something new to read", if they chose it).
    /// </summary>
    public async Task<Result<FamilyMessage>> SendAsync(PupilId pupilId, string? subject, string? body, CancellationToken ct)
    {
        if (await access.FindAsync(pupilId, SchoolAction.MessageTherapyTeam, ct) is not { } pupil)
        {
            return new Error.NotFound("That child is not linked to your account: choose one of your children");
        }

        var sent = FamilyMessage.FromParent(db.CurrentSchoolId, pupil.Id, subject, body, me.UserId, me.DisplayName, Today, Now);
        if (!sent.IsSuccess)
        {
            return sent;
        }

        db.FamilyMessages.Add(sent.Value);
        db.LiaisonContacts.Add(LiaisonContact.FromMessage(sent.Value, sent.Value.Subject));
        audit.Record(MessageSent, nameof(FamilyMessage), sent.Value.Id.ToString());
        var team = (await TeamAsync(pupil.Id, ct)).Select(t => t.UserId).ToList();
        await notifier.QueueAsync(team,
            [new NotificationMessage($"A message from {pupil.DisplayName}'s family", "A parent or carer has written to the therapy team.",
                $"/pupils/{pupil.Id}/liaison#messages", $"family-message:{sent.Value.Id}", SchoolAction.ViewLiaison)], Now, ct);
        await db.SaveChangesAsync(ct);
        return sent;
    }

    /// <summary>The contacts whose follow-up is the user's, not done, overdue or due within a week (before checking the pupils are visible).</summary>
    public IQueryable<LiaisonContact> FollowUpsDue(DateOnly today)
    {
        var soon = today.AddDays(7);
        var mine = me.UserId;
        return db.LiaisonContacts.AsNoTracking()
            .Where(c => c.FollowUpBy == mine && c.FollowUp != null && c.FollowUpDoneAt == null && c.FollowUpDue <= soon);
    }

    /// <summary>The user's own follow-ups not yet done, due within a week or overdue.</summary>
    public async Task<IReadOnlyList<(LiaisonContact Contact, string Pupil)>> MyFollowUpsAsync(DateOnly today, CancellationToken ct)
    {
        var due = await FollowUpsDue(today).ToListAsync(ct);
        if (due.Count == 0)
        {
            return [];
        }

        var ids = due.Select(c => c.PupilId).Distinct().ToList();
        var pupils = await access.Visible(SchoolAction.ViewLiaison).AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        var names = pupils.ToDictionary(p => p.Id, p => p.DisplayName);
        return due.Where(c => names.ContainsKey(c.PupilId)).OrderBy(c => c.FollowUpDue).Select(c => (c, names[c.PupilId])).ToList();
    }

    /// <summary>Pupils the Head of Therapy may choose for the parents' evening sheet (on roll), by year and name.</summary>
    public async Task<IReadOnlyList<Pupil>> PupilsOnRollAsync(CancellationToken ct) =>
        (await access.Visible(SchoolAction.PrintParentsEvening).AsNoTracking().Where(p => p.LeftOn == null).ToListAsync(ct))
        .OrderBy(p => p.YearGroup).ThenBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList();

    /// <summary>
    /// The parents' evening sheet for the chosen pupils: per child, only what may be shared with the family (approved
    /// summaries, approved reports shared with parents, coming appointment times, the practitioners' names). Audited.
    /// </summary>
    public async Task<IReadOnlyList<EveningSheet>> ParentsEveningAsync(IReadOnlyCollection<PupilId> chosen, CancellationToken ct)
    {
        if (chosen.Count == 0)
        {
            return [];
        }

        var ids = chosen.Distinct().ToList();
        var pupils = await access.Visible(SchoolAction.PrintParentsEvening).AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        var meetings = await db.FamilyMeetings.AsNoTracking().Where(m => ids.Contains(m.PupilId)).ToDictionaryAsync(m => m.Id, ct);
        var approved = await db.FamilySummaries.AsNoTracking().Where(s => ids.Contains(s.PupilId) && s.Status == SummaryStatus.Approved).ToListAsync(ct);
        var sheets = new List<EveningSheet>();
        foreach (var p in pupils.OrderBy(p => p.YearGroup).ThenBy(p => p.DisplayName, StringComparer.CurrentCulture))
        {
            var summaries = approved.Where(s => s.PupilId == p.Id).GroupBy(s => s.MeetingId).Select(g => g.MaxBy(s => s.Version)!)
                .Select(s => (meetings[s.MeetingId].HeldOn, s)).OrderByDescending(x => x.HeldOn).ToList();
            var team = (await TeamAsync(p.Id, ct)).Where(t => t.What != HeadOfTherapyWords).ToList();
            sheets.Add(new EveningSheet(p.Id, p.DisplayName, p.YearGroup, p.TutorGroup, team, summaries,
                await familyReports.SharedWithParentsAsync(p.Id, ct), (await sessions.UpcomingForFamilyAsync(p.Id, ct)).Take(3).ToList()));
        }

        audit.Record(EveningPrinted, "ParentsEvening", null, detail: $"{sheets.Count} pupils");
        await db.SaveChangesAsync(ct);
        return sheets;
    }

    private const string HeadOfTherapyWords = "Head of Therapy";

    private static readonly Error PupilNotFound = new Error.NotFound("That pupil was not found among the pupils you work with.");
    private static readonly Error MeetingNotFound = new Error.NotFound("That family meeting was not found.");

    /// <summary>The pupil's practitioners (open episodes, with an account) and the Heads of Therapy.</summary>
    private async Task<IReadOnlyList<TeamMember>> TeamAsync(PupilId pupil, CancellationToken ct)
    {
        var practitioners = await db.Episodes.AsNoTracking().Where(e => e.PupilId == pupil && e.Status == EpisodeStatus.Open)
            .Join(db.StaffMembers, e => e.StaffId, s => s.Id, (e, s) => new { s.UserId, Name = s.FirstName + " " + s.LastName, e.Discipline })
            .ToListAsync(ct);
        var heads = await db.Memberships.AsNoTracking().Where(m => m.Role == Role.HeadOfTherapy)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.IsDisabled })
            .Where(u => !u.IsDisabled)
            .ToListAsync(ct);
        var team = practitioners.Where(p => p.UserId is not null)
            .Select(p => new TeamMember(p.UserId!.Value, p.Name, Disciplines.Name(p.Discipline)))
            .Concat(heads.Select(h => new TeamMember(h.Id, h.DisplayName, HeadOfTherapyWords)))
            .DistinctBy(t => t.UserId)
            .ToList();

        // Practitioners without an account are still named on the parents' evening sheet.
        team.AddRange(practitioners.Where(p => p.UserId is null).Select(p => new TeamMember(Guid.Empty, p.Name, Disciplines.Name(p.Discipline))));
        return team;
    }

    private async Task<IReadOnlyList<MeetingView>> MeetingsAsync(PupilId pupil, bool approvedOnly, CancellationToken ct)
    {
        var meetings = await db.FamilyMeetings.AsNoTracking().Where(m => m.PupilId == pupil).ToListAsync(ct);
        var summaries = await db.FamilySummaries.AsNoTracking().Where(s => s.PupilId == pupil && (!approvedOnly || s.Status == SummaryStatus.Approved)).ToListAsync(ct);
        return meetings.OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.RecordedAt)
            .Select(m => new MeetingView(m, summaries.Where(s => s.MeetingId == m.Id).OrderBy(s => s.Version).ToList()))
            .ToList();
    }

    private async Task<Dictionary<PupilId, IReadOnlyList<ThreadView>>> ThreadsAsync(IReadOnlyCollection<PupilId> pupils, CancellationToken ct)
    {
        var ids = pupils.ToList();
        var messages = await db.FamilyMessages.AsNoTracking().Where(m => ids.Contains(m.PupilId)).ToListAsync(ct);
        return messages.GroupBy(m => m.PupilId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<ThreadView>)g.GroupBy(m => m.ThreadId)
                .Select(t => t.OrderBy(m => m.SentAt).ToList())
                .OrderByDescending(t => t[^1].SentAt)
                .Select(t => new ThreadView(t[0].ThreadId, t[0].Subject, t))
                .ToList());
    }

    private async Task<IReadOnlyCollection<Guid>> ParentUsersAsync(PupilId pupil, CancellationToken ct) =>
        await db.CarerLinks.AsNoTracking().Where(l => l.PupilId == pupil && !l.IsRestricted)
            .Join(db.Carers, l => l.CarerId, c => c.Id, (l, c) => c.UserId)
            .Where(u => u != null).Select(u => u!.Value).Distinct().ToListAsync(ct);
}
