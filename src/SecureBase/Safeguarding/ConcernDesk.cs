using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Pupils;

namespace SecureBase.Safeguarding;

/// <summary>A concern as the DSL (or the person it is shared with) reads it, with everything added since.</summary>
internal sealed record ConcernFile(Concern Concern, string Pupil, IReadOnlyList<ConcernEntry> Entries, IReadOnlyList<ConcernShare> Shares, DateOnly PupilBorn)
{
    /// <summary>Retention: the child protection record is reviewed at the pupil's date of birth + 25 years.</summary>
    public string Retention => Safeguarding.Retention.Words(PupilBorn);
}

/// <summary>A line of the DSL's list.</summary>
internal sealed record ConcernRow(ConcernId Id, PupilId PupilId, string Pupil, ConcernCategory Category, DateTime RaisedAt, string RaisedBy, bool Opened, bool Open, ConcernSource Source)
{
    public bool Urgent => ConcernWords.IsUrgent(Category);
}

/// <summary>One line of a pupil's chronology: a concern, an addendum, an action or an outcome, in date order.</summary>
internal sealed record ChronologyLine(DateTime At, string What, string Text, string By, ConcernId ConcernId, bool Urgent)
{
    /// <summary>At the same instant: the concern, then what was added to it in the order it was added, then its outcome.</summary>
    public int Order { get; init; }
}

/// <summary>
/// Raising and working through safeguarding concerns: the one place that reads and writes them, so
/// who sees what is decided here. Concern text reaches only the DSL and deputies (<see cref="SchoolAction.ViewConcerns"/>)
/// and people a concern is shared with (that concern only); the person who raised it is told it was received.
/// </summary>
internal sealed class ConcernDesk(SecureBaseDb db, CurrentUser me, PupilAccess pupils, Notifier notifier, AuditLog audit, ConfidentialReads reads, TimeProvider clock)
{
    public const string RecordType = "SafeguardingConcern";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private ConcernAuthor Author => new(me.UserId, me.DisplayName.Length > 0 ? me.DisplayName : me.UserName);
    private bool IsDsl => me.ScopeFor(SchoolAction.ViewConcerns).HasFlag(Scope.School);

    /// <summary>The pupil a concern may be raised about (any pupil of the user's school), or null: another school's is "not found".</summary>
    public async Task<Pupil?> PupilAsync(PupilId id, CancellationToken ct) => await pupils.FindAsync(id, SchoolAction.RaiseConcern, ct);

    /// <summary>Saves a concern once: the same submission key finds the concern already saved. Every DSL and deputy is told at once.</summary>
    public async Task<Result<Concern>> RaiseAsync(PupilId pupilId, NewConcern input, CancellationToken ct) =>
        await RaiseAsAsync(pupilId, input, Author, ct);

    internal async Task<Result<Concern>> RaiseAsAsync(PupilId pupilId, NewConcern input, ConcernAuthor by, CancellationToken ct)
    {
        var pupil = await db.Pupils.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pupilId, ct);
        if (pupil is null)
        {
            return new Error.NotFound("There is no such pupil in this school.");
        }

        if (input.SubmissionKey != Guid.Empty
            && await db.Concerns.AsNoTracking().SingleOrDefaultAsync(c => c.SubmissionKey == input.SubmissionKey, ct) is { } already)
        {
            return already;
        }

        var raised = Concern.Raise(db.CurrentSchoolId, pupilId, input, by, Now);
        if (!raised.IsSuccess)
        {
            return raised;
        }

        var concern = raised.Value;
        db.Concerns.Add(concern);
        await TellDslsAsync(concern, pupil.DisplayName, ct);
        audit.Record("safeguarding.concern-raised", RecordType, concern.Id.ToString(), detail: $"{ConcernWords.Category(concern.Category)} about pupil {pupilId}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbConflicts.IsConflict(e) && input.SubmissionKey != Guid.Empty)
        {
            // The same form sent twice at once: the other request saved it.
            db.ChangeTracker.Clear();
            return await db.Concerns.AsNoTracking().SingleAsync(c => c.SubmissionKey == input.SubmissionKey, ct);
        }

        return concern;
    }

    /// <summary>Queues a notification for every DSL and deputy (saved with the caller's change). Never carries what was written.</summary>
    internal async Task TellDslsAsync(Concern concern, string pupilName, CancellationToken ct)
    {
        var dsls = await notifier.UsersWithRoleAsync(Role.Dsl, ct);
        var urgent = concern.IsUrgent ? "URGENT " : "";
        await notifier.QueueAsync(dsls,
        [
            new NotificationMessage($"{urgent}Safeguarding concern: {pupilName}",
                $"{concern.RaisedByName} raised a concern ({ConcernWords.Category(concern.Category)}). Open it to work it through.",
                $"/safeguarding/concerns/{concern.Id}", $"concern:{concern.Id}:raised", SchoolAction.ViewConcerns),
        ], Now, ct);
    }

    /// <summary>How many concerns the signed-in DSL (or deputy) has not opened yet, and how many of those are urgent: their own count beside "Safeguarding".</summary>
    public async Task<(int Unopened, int Urgent)> UnopenedAsync(CancellationToken ct)
    {
        if (!IsDsl)
        {
            return (0, 0);
        }

        var mine = me.UserId;
        var categories = await db.Concerns.AsNoTracking().Where(c => !db.ConcernReads.Any(r => r.ConcernId == c.Id && r.UserId == mine)).Select(c => c.Category).ToListAsync(ct);
        return (categories.Count, categories.Count(ConcernWords.IsUrgent));
    }

    /// <summary>The DSL's list: open concerns first (unopened by this DSL, then urgent, then newest), then closed ones.</summary>
    public async Task<IReadOnlyList<ConcernRow>> ListAsync(bool includeClosed, CancellationToken ct)
    {
        var mine = me.UserId;
        var rows = await (from c in db.Concerns.AsNoTracking()
                          join p in db.Pupils.AsNoTracking() on c.PupilId equals p.Id
                          where includeClosed || c.ClosedAt == null
                          select new
                          {
                              c.Id, c.PupilId, F = p.PreferredFirstName ?? p.LegalFirstName, L = p.PreferredLastName ?? p.LegalLastName, c.Category, c.RaisedAt, c.RaisedByName,
                              Read = db.ConcernReads.Any(r => r.ConcernId == c.Id && r.UserId == mine), c.ClosedAt, c.Source,
                          })
            .ToListAsync(ct);
        return rows.Select(r => new ConcernRow(r.Id, r.PupilId, $"{r.F} {r.L}", r.Category, r.RaisedAt, r.RaisedByName, r.Read, r.ClosedAt == null, r.Source))
            .OrderByDescending(r => r.Open).ThenBy(r => r.Opened).ThenByDescending(r => r.Urgent).ThenByDescending(r => r.RaisedAt).ToList();
    }

    /// <summary>
    /// Opens a concern for the DSL or a person it is shared with (anyone else: not found), audited;
    /// a DSL's opening takes it off that DSL's own unopened count (not the other DSLs').
    /// </summary>
    public async Task<Result<ConcernFile>> OpenAsync(ConcernId id, string channel, CancellationToken ct)
    {
        var concern = await db.Concerns.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (concern is null)
        {
            return NotFound();
        }

        string relationship;
        if (IsDsl)
        {
            relationship = "the DSL working the concern";
            concern.OpenedByDsl(Now);
            if (!await db.ConcernReads.AnyAsync(r => r.ConcernId == id && r.UserId == me.UserId, ct))
            {
                // Read for this DSL only: each DSL and deputy keeps their own count until they open it.
                db.ConcernReads.Add(ConcernRead.Of(concern, me.UserId, Now));
            }
        }
        else if (me.Can(SchoolAction.ViewSharedConcern) && await db.ConcernShares.AnyAsync(s => s.ConcernId == id && s.UserId == me.UserId, ct))
        {
            relationship = "shared with them by the DSL";
        }
        else
        {
            return NotFound();
        }

        var opened = await reads.OpenAsync(RecordType, id.ToString(), "concern", relationship, null, null, channel, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error!;
        }

        return await FileAsync(concern, ct);
    }

    private async Task<ConcernFile> FileAsync(Concern concern, CancellationToken ct)
    {
        var entries = (await db.ConcernEntries.AsNoTracking().Where(e => e.ConcernId == concern.Id).ToListAsync(ct))
            .OrderBy(e => e.WrittenAt).ThenBy(e => e.Id.Value.ToString("N", System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal).ToList();
        var shares = IsDsl ? await db.ConcernShares.AsNoTracking().Where(s => s.ConcernId == concern.Id).OrderBy(s => s.SharedAt).ToListAsync(ct) : [];
        var born = await db.Pupils.AsNoTracking().Where(p => p.Id == concern.PupilId).Select(p => p.DateOfBirth).SingleAsync(ct);
        return new ConcernFile(concern, await db.Pupils.NameOfAsync(concern.PupilId, ct), entries, shares, born);
    }

    /// <summary>The concerns shared with the signed-in user, each opened (and audited).</summary>
    public async Task<IReadOnlyList<ConcernFile>> SharedWithMeAsync(CancellationToken ct)
    {
        var ids = await db.ConcernShares.AsNoTracking().Where(s => s.UserId == me.UserId).OrderByDescending(s => s.SharedAt).Select(s => s.ConcernId).ToListAsync(ct);
        var files = new List<ConcernFile>();
        foreach (var id in ids)
        {
            var opened = await OpenAsync(id, "web", ct);
            if (opened.IsSuccess)
            {
                files.Add(opened.Value);
            }
        }

        return files;
    }

    /// <summary>An addendum: by the DSL, by the person who raised the concern (a correction or something remembered later), or by a person it is shared with.</summary>
    public async Task<Result<ConcernEntry>> AddAddendumAsync(ConcernId id, string? text, CancellationToken ct)
    {
        var concern = await WritableAsync(id, ct);
        if (concern is null)
        {
            return NotFound();
        }

        var entry = ConcernEntry.Addendum(concern, text, Author, Now);
        if (!entry.IsSuccess)
        {
            return entry;
        }

        db.ConcernEntries.Add(entry.Value);
        audit.Record("safeguarding.addendum-added", RecordType, id.ToString());
        if (concern.RaisedByUserId == me.UserId && !IsDsl)
        {
            var pupil = await db.Pupils.NameOfAsync(concern.PupilId, ct);
            await notifier.QueueAsync(await notifier.UsersWithRoleAsync(Role.Dsl, ct),
                [new NotificationMessage($"Addendum to a safeguarding concern: {pupil}", $"{Author.Name} added to the concern they raised.", $"/safeguarding/concerns/{id}", $"concern:{id}:addendum:{entry.Value.Id}", SchoolAction.ViewConcerns)], Now, ct);
        }

        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>Whether the user may see that this concern exists (DSL, raiser, shared with): the concern, or null.</summary>
    public async Task<Concern?> WritableAsync(ConcernId id, CancellationToken ct)
    {
        var concern = await db.Concerns.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (concern is null)
        {
            return null;
        }

        return IsDsl || concern.RaisedByUserId == me.UserId || await db.ConcernShares.AnyAsync(s => s.ConcernId == id && s.UserId == me.UserId, ct)
            ? concern
            : null;
    }

    public async Task<Result<ConcernEntry>> RecordActionAsync(ConcernId id, ConcernActionKind? action, string? owner, DateOnly? on, string? toWhom, string? note, CancellationToken ct)
    {
        var concern = await DslConcernAsync(id, ct);
        if (concern is null)
        {
            return NotFound();
        }

        var entry = ConcernEntry.ActionTaken(concern, action, owner, on, toWhom, note, Author, Now);
        if (!entry.IsSuccess)
        {
            return entry;
        }

        db.ConcernEntries.Add(entry.Value);
        audit.Record("safeguarding.action-recorded", RecordType, id.ToString(), detail: action.ToString());
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public async Task<Result<Concern>> CloseAsync(ConcernId id, ConcernOutcomeKind? outcome, string? note, CancellationToken ct)
    {
        var concern = await DslConcernAsync(id, ct);
        if (concern is null)
        {
            return NotFound();
        }

        if (outcome is null)
        {
            return new Error.Validation("Outcome", "Choose an outcome");
        }

        var closed = concern.Close(outcome.Value, note, Author, Now);
        if (!closed.IsSuccess)
        {
            return closed.Error!;
        }

        audit.Record("safeguarding.concern-closed", RecordType, id.ToString(), detail: outcome.ToString());
        await db.SaveChangesAsync(ct);
        return concern;
    }

    /// <summary>The DSL shares a concern with a named member of staff, with a reason (audited); they are told, without the content.</summary>
    public async Task<Result<ConcernShare>> ShareAsync(ConcernId id, Guid? userId, string? reason, CancellationToken ct)
    {
        var concern = await DslConcernAsync(id, ct);
        if (concern is null)
        {
            return NotFound();
        }

        if (userId is not { } who)
        {
            return new Error.Validation("UserId", "Choose the member of staff to share the concern with");
        }

        var staff = await StaffUsersAsync(ct);
        if (!staff.TryGetValue(who, out var name))
        {
            return new Error.Validation("UserId", "Choose a member of staff of this school");
        }

        if (await db.ConcernShares.AnyAsync(s => s.ConcernId == id && s.UserId == who, ct))
        {
            return new Error.Conflict($"This concern is already shared with {name}.");
        }

        var share = ConcernShare.Share(concern, who, name, reason, Author, Now);
        if (!share.IsSuccess)
        {
            return share;
        }

        db.ConcernShares.Add(share.Value);
        audit.Record("safeguarding.concern-shared", RecordType, id.ToString(), reason: share.Value.Reason, detail: $"shared with {name} ({who})");
        await notifier.QueueAsync([who],
            [new NotificationMessage("A safeguarding concern was shared with you", $"{Author.Name} (DSL) shared a concern with you: {share.Value.Reason}", "/safeguarding/shared", $"concern:{id}:shared:{who}", SchoolAction.ViewSharedConcern)], Now, ct);
        await db.SaveChangesAsync(ct);
        return share;
    }

    /// <summary>Staff of this school who may be shared a concern with: user id → name.</summary>
    public async Task<Dictionary<Guid, string>> StaffUsersAsync(CancellationToken ct)
    {
        var staffRoles = RoleInfo.All.Where(r => r.IsStaff && r.Role != Role.LocalAuthorityOfficer).Select(r => r.Role).ToList();
        var users = await (from m in db.Memberships.AsNoTracking()
                           join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                           where staffRoles.Contains(m.Role) && !u.IsDisabled
                           select new { u.Id, u.DisplayName, u.UserName }).Distinct().ToListAsync(ct);
        return users.GroupBy(u => u.Id).ToDictionary(g => g.Key, g => g.First().DisplayName.Length > 0 ? g.First().DisplayName : g.First().UserName ?? "");
    }

    /// <summary>
    /// A pupil's chronology: every concern, addendum, action and outcome in date order. The DSL sees all;
    /// a person concerns were shared with sees only those; anyone else (or nothing shared): null.
    /// </summary>
    public async Task<(string Pupil, DateOnly Born, IReadOnlyList<ChronologyLine> Lines)?> ChronologyAsync(PupilId pupilId, CancellationToken ct)
    {
        var pupil = await db.Pupils.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pupilId, ct);
        if (pupil is null)
        {
            return null;
        }

        var query = db.Concerns.AsNoTracking().Where(c => c.PupilId == pupilId);
        if (!IsDsl)
        {
            var mine = me.UserId;
            query = query.Where(c => db.ConcernShares.Any(s => s.ConcernId == c.Id && s.UserId == mine));
        }

        var concerns = await query.ToListAsync(ct);
        if (concerns.Count == 0 && !IsDsl)
        {
            return null;
        }

        var lines = await LinesAsync(db, concerns, ct);
        await audit.RecordReadAsync(RecordType + "Chronology", pupilId.ToString(), IsDsl ? "the DSL (web)" : "concerns shared with them (web)", ct);
        return (pupil.DisplayName, pupil.DateOfBirth, lines);
    }

    /// <summary>The chronology of these concerns: each concern, addendum, action and outcome, in date order.</summary>
    internal static async Task<IReadOnlyList<ChronologyLine>> LinesAsync(SecureBaseDb db, IReadOnlyList<Concern> concerns, CancellationToken ct)
    {
        var ids = concerns.Select(c => c.Id).ToList();
        var entries = (await db.ConcernEntries.AsNoTracking().Where(e => ids.Contains(e.ConcernId)).ToListAsync(ct)).OrderBy(e => e.WrittenAt).ThenBy(e => e.Id.Value.ToString("N", System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal).ToList();
        var lines = new List<ChronologyLine>();
        foreach (var c in concerns)
        {
            var detail = c.WhatWasSeenOrSaid
                + (c.HappenedAt is { } h ? $"\nWhen: {h:d MMM yyyy HH:mm}" : "")
                + (c.WhoWasPresent is { } w ? $"\nPresent: {w}" : "")
                + (c.ImmediateAction is { } a ? $"\nImmediate action: {a}" : "");
            lines.Add(new ChronologyLine(c.RaisedAt, $"Concern raised: {ConcernWords.Category(c.Category)}", detail, c.RaisedByName, c.Id, c.IsUrgent));
            if (c.ClosedAt is { } closed)
            {
                lines.Add(new ChronologyLine(closed, $"Outcome: {ConcernWords.Outcome(c.Outcome!.Value)}", c.OutcomeNote ?? "", c.ClosedByName ?? "", c.Id, false) { Order = int.MaxValue });
            }
        }

        foreach (var e in entries)
        {
            var what = e.Kind == ConcernEntryKind.Addendum ? "Addendum" : $"Action: {ConcernWords.Action(e.Action!.Value)}";
            var text = e.Kind == ConcernEntryKind.Addendum ? e.Text
                : $"Owner: {e.Owner}; date: {e.On:d MMM yyyy}" + (e.ToWhom is { } t ? $"; to: {t}" : "") + (e.Text.Length > 0 ? $"\n{e.Text}" : "");
            lines.Add(new ChronologyLine(e.WrittenAt, what, text, e.AuthorName, e.ConcernId, false) { Order = lines.Count + 1 });
        }

        return lines.OrderBy(l => l.At).ThenBy(l => l.Order).ToList();
    }

    private async Task<Concern?> DslConcernAsync(ConcernId id, CancellationToken ct) =>
        IsDsl ? await db.Concerns.SingleOrDefaultAsync(c => c.Id == id, ct) : null;

    private static Error NotFound() => new Error.NotFound("There is no such concern, or it is not yours to see.");
}
