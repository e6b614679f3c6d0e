using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Staff;

namespace SecureBase.Development;

/// <summary>Where a practitioner stands with supervision: their requirement, their last session, when the next is due.</summary>
internal sealed record SupervisionStanding(
    StaffId StaffId, string Name, Discipline Discipline, SupervisionFrequency Frequency, SupervisionType? RequiredType, bool IsDefault,
    DateOnly? LastOn, DateOnly? NextDue, bool Overdue);

/// <summary>A supervision session as the user may see it: its notes only for the people who took part.</summary>
internal sealed record SupervisionView(
    SupervisionId Id, DateOnly HeldOn, SupervisionType Type, StaffId SupervisorId, string Supervisor, IReadOnlyList<string> Supervisees,
    bool TookPart, string? Notes);

internal sealed record SupervisionRequestView(SupervisionRequestId Id, StaffId StaffId, string Who, string? Message, DateTime AskedAt, string? Answer, DateTime? AnsweredAt);

internal sealed record StaffChoice(StaffId Id, string Name, bool IsPractitioner);

/// <summary>What is sent to record a supervision session.</summary>
internal sealed record RecordSupervisionInput(DateOnly? HeldOn, StaffId? SupervisorId, IReadOnlyList<StaffId>? SuperviseeIds, SupervisionType? Type, string? Notes);

/// <summary>
/// Supervision: the sessions held, every practitioner's required frequency and overdue flag, and requests for
/// individual supervision. Notes are confidential to the supervisor and supervisees: each read is audited.
/// </summary>
internal sealed class SupervisionDesk(SecureBaseDb db, CurrentUser me, TimeProvider clock, Schools.SchoolClock schoolClock, ConfidentialReads reads, AuditLog audit, Notifier notifier)
{
    /// <summary>How many answered requests the lists keep (the unanswered ones are always all there).</summary>
    public const int AnsweredShown = 100;

    public DateOnly Today => schoolClock.Today;

    /// <summary>Whether the user sees every practitioner's standing and every session's date and people.</summary>
    public bool SeesTeam => me.ScopeFor(SchoolAction.ViewSupervision).HasFlag(Scope.School);

    /// <summary>Every practitioner of the school (the Head of Therapy) or the user themself: last supervision, next due, overdue.</summary>
    public async Task<IReadOnlyList<SupervisionStanding>> StandingsAsync(DateOnly today, bool wholeTeam, CancellationToken ct)
    {
        // Only what the standings show (not the whole staff record with its working pattern), with each one's requirement
        // when one is set and their last session of each type, in one command: the database works out each last session
        // (years of sessions are not read to find it), and the Head of Therapy's home page, which asks on every visit,
        // makes one round trip for it instead of two.
        var staff = await ReadStandings.For(db)(db, today, wholeTeam, me.StaffId ?? default).ToListAsync(ct);

        var result = new List<SupervisionStanding>();
        foreach (var s in staff.OrderBy(s => s.LastName, StringComparer.CurrentCulture).ThenBy(s => s.FirstName, StringComparer.CurrentCulture))
        {
            var r = s.Requirement;
            var (frequency, type) = r is not null ? (r.Frequency, r.RequiredType) : SupervisionWords.DefaultFor(s.Discipline!.Value);
            // Any type counts when none is required; a type added to the enum without its last session read above fails
            // here rather than counting every session.
            var last = type switch
            {
                null => new[] { s.Individual, s.Group, s.EducationalPsychologist }.Max(),
                SupervisionType.Individual => s.Individual,
                SupervisionType.Group => s.Group,
                SupervisionType.EducationalPsychologist => s.EducationalPsychologist,
                _ => throw new InvalidOperationException($"The last {type} supervision is not read for the standings."),
            };
            var next = last is { } l ? SupervisionWords.NextDue(l, frequency) : (DateOnly?)null;
            result.Add(new SupervisionStanding(s.Id, $"{s.FirstName} {s.LastName}", s.Discipline!.Value, frequency, type, r is null, last, next, next is null || next < today));
        }

        return result;
    }

    private sealed record StandingRead(
        StaffId Id, string FirstName, string LastName, Discipline? Discipline, SupervisionRequirement? Requirement,
        DateOnly? Individual, DateOnly? Group, DateOnly? EducationalPsychologist);

    // The standings' query, compiled once (the Head of Therapy's home page runs it on every visit, and EF's preparing of
    // this LINQ query, with its three correlated subqueries, was the largest share of that page's CPU): every current
    // practitioner's, or only the user's own.
    private static readonly PerModel<Func<SecureBaseDb, DateOnly, bool, StaffId, IAsyncEnumerable<StandingRead>>> ReadStandings = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, DateOnly today, bool wholeTeam, StaffId mine) =>
            from s in db.StaffMembers.AsNoTracking()
            where s.Discipline != null && (s.LeftOn == null || s.LeftOn > today) && (wholeTeam || s.Id == mine)
            join r in db.SupervisionRequirements.AsNoTracking() on s.Id equals r.StaffId into rs
            from r in rs.DefaultIfEmpty()
            select new StandingRead(
                s.Id, s.FirstName, s.LastName, s.Discipline, r,
                db.SupervisionSessions.Where(x => x.HeldOn <= today && x.Type == SupervisionType.Individual && x.Supervisees.Any(p => p.StaffId == s.Id)).Max(x => (DateOnly?)x.HeldOn),
                db.SupervisionSessions.Where(x => x.HeldOn <= today && x.Type == SupervisionType.Group && x.Supervisees.Any(p => p.StaffId == s.Id)).Max(x => (DateOnly?)x.HeldOn),
                db.SupervisionSessions.Where(x => x.HeldOn <= today && x.Type == SupervisionType.EducationalPsychologist && x.Supervisees.Any(p => p.StaffId == s.Id)).Max(x => (DateOnly?)x.HeldOn))));

    /// <summary>
    /// The sessions the user sees: the ones they took part in, with their notes (each read audited); for the Head of
    /// Therapy also everyone else's, without the notes.
    /// </summary>
    public async Task<Paged<SupervisionView>> SessionsAsync(int page, string channel, CancellationToken ct) =>
        await SessionsAsync(Paging.Of(page, await VisibleSessions().CountAsync(ct), SessionsPageSize), channel, ct);

    /// <summary>Sessions per page of the supervision page: a year of a large team's supervision on the first.</summary>
    public const int SessionsPageSize = 50;

    private IQueryable<SupervisionSession> VisibleSessions()
    {
        var mine = me.StaffId;
        var query = db.SupervisionSessions.AsNoTracking();
        return SeesTeam ? query : query.Where(s => s.SupervisorId == mine || s.Supervisees.Any(p => p.StaffId == mine));
    }

    /// <summary>One page of the sessions the user sees, newest first; only the notes on this page are read (and audited).</summary>
    public async Task<Paged<SupervisionView>> SessionsAsync(Paging paging, string channel, CancellationToken ct)
    {
        var mine = me.StaffId;
        var sessions = await VisibleSessions().OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.RecordedAt).ThenByDescending(s => s.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        var names = await NamesAsync(sessions.SelectMany(s => s.Supervisees.Select(p => p.StaffId).Append(s.SupervisorId)), ct);
        var views = new List<SupervisionView>();
        foreach (var s in sessions)
        {
            var tookPart = mine is { } staff && s.TookPart(staff);
            string? notes = null;
            if (tookPart && s.Notes is not null)
            {
                await reads.OpenAsync("SupervisionSession", s.Id.ToString(), "supervision record", s.SupervisorId == mine ? "the supervisor" : "a supervisee", null, null, channel, ct);
                notes = s.Notes;
            }

            views.Add(new SupervisionView(s.Id, s.HeldOn, s.Type, s.SupervisorId, names.GetValueOrDefault(s.SupervisorId, "?"),
                s.Supervisees.Select(p => names.GetValueOrDefault(p.StaffId, "?")).Order(StringComparer.CurrentCulture).ToList(), tookPart, notes));
        }

        return new(views, paging);
    }

    /// <summary>Staff who can be named on a supervision record today (not those who have left).</summary>
    public async Task<IReadOnlyList<StaffChoice>> StaffChoicesAsync(CancellationToken ct)
    {
        var today = Today;
        return (await db.StaffMembers.AsNoTracking().Where(s => s.LeftOn == null || s.LeftOn > today).ToListAsync(ct))
            .OrderBy(s => s.LastName, StringComparer.CurrentCulture).ThenBy(s => s.FirstName, StringComparer.CurrentCulture)
            .Select(s => new StaffChoice(s.Id, s.FullName, s.IsPractitioner)).ToList();
    }

    /// <summary>Records a session. A practitioner records the ones they supervised; the Head of Therapy any.</summary>
    public async Task<Result<SupervisionSession>> RecordAsync(RecordSupervisionInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (input.HeldOn is null)
        {
            errors.Add(new FieldError("HeldOn", "Enter the date of the supervision"));
        }

        if (input.SupervisorId is null)
        {
            errors.Add(new FieldError("SupervisorId", "Choose the supervisor"));
        }

        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            errors.Add(new FieldError("Type", "Choose how the supervision was held"));
        }

        if (input.SuperviseeIds is not { Count: > 0 })
        {
            errors.Add(new FieldError("SuperviseeIds", "Choose who was supervised"));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        if (!me.ScopeFor(SchoolAction.RecordSupervision).HasFlag(Scope.School) && input.SupervisorId != me.StaffId)
        {
            return new Error.Validation("SupervisorId", "You can record the supervision you gave; the Head of Therapy records others'");
        }

        var supervisor = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == input.SupervisorId, ct);
        if (supervisor is null)
        {
            return new Error.Validation("SupervisorId", "That supervisor is not on the school's staff list");
        }

        var ids = input.SuperviseeIds!.Distinct().ToList();
        var supervisees = await db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        if (supervisees.Count != ids.Count)
        {
            return new Error.Validation("SuperviseeIds", "One of the supervisees is not on the school's staff list");
        }

        var made = SupervisionSession.Record(db.CurrentSchoolId, input.HeldOn!.Value, supervisor, supervisees, input.Type!.Value, input.Notes, Today,
            me.UserId, clock.GetUtcNow().UtcDateTime);
        if (!made.IsSuccess)
        {
            return made;
        }

        db.SupervisionSessions.Add(made.Value);
        audit.Record("supervision.recorded", "SupervisionSession", made.Value.Id.ToString(), detail: $"{made.Value.Type}, {made.Value.Supervisees.Count} supervisee(s)");
        await db.SaveChangesAsync(ct);
        return made;
    }

    /// <summary>The Head of Therapy changes a practitioner's required supervision (or puts it back to the default for their discipline).</summary>
    public async Task<Outcome> SetRequirementAsync(StaffId staffId, SupervisionFrequency? frequency, SupervisionType? type, CancellationToken ct)
    {
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId && s.Discipline != null, ct);
        if (staff is null)
        {
            return new Error.NotFound("That practitioner is not on the school's staff list.");
        }

        if (type is { } t && !Enum.IsDefined(t))
        {
            return new Error.Validation("RequiredType", "Choose which kind of supervision counts");
        }

        var existing = await db.SupervisionRequirements.SingleOrDefaultAsync(r => r.StaffId == staffId, ct);
        if (frequency is null)
        {
            if (existing is not null)
            {
                db.SupervisionRequirements.Remove(existing);
            }
        }
        else if (!Enum.IsDefined(frequency.Value))
        {
            return new Error.Validation("Frequency", "Choose how often");
        }
        else if (existing is null)
        {
            db.SupervisionRequirements.Add(SupervisionRequirement.For(db.CurrentSchoolId, staffId, frequency.Value, type));
        }
        else
        {
            existing.Change(frequency.Value, type);
        }

        audit.Record("supervision.requirement", "StaffMember", staffId.ToString(), detail: frequency is null ? "default" : $"{frequency} {type}");
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>A member of staff asks for individual supervision; the Head of Therapy is told.</summary>
    public async Task<Result<SupervisionRequest>> AskAsync(string? message, CancellationToken ct)
    {
        if (me.StaffId is not { } staff)
        {
            return new Error.Conflict("Your account is not linked to the school's staff list, so you cannot ask for supervision here: ask the office to link it.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var asked = SupervisionRequest.Ask(db.CurrentSchoolId, staff, message, now);
        if (!asked.IsSuccess)
        {
            return asked;
        }

        db.SupervisionRequests.Add(asked.Value);
        var heads = await notifier.UsersWithRoleAsync(Role.HeadOfTherapy, ct);
        await notifier.QueueAsync(heads, [new NotificationMessage("Request for individual supervision", $"{me.DisplayName} asks for individual supervision.",
            "/supervision", "supervision-request:" + asked.Value.Id, SchoolAction.ManageSupervision)], now, ct);
        await db.SaveChangesAsync(ct);
        return asked;
    }

    /// <summary>
    /// Requests: the user's own; for the Head of Therapy every one. Every unanswered request is listed however old,
    /// with the latest <see cref="AnsweredShown"/> answered ones, newest first: an open request never drops off the list.
    /// </summary>
    public async Task<IReadOnlyList<SupervisionRequestView>> RequestsAsync(bool everyone, CancellationToken ct)
    {
        var mine = me.StaffId;
        var query = db.SupervisionRequests.AsNoTracking();
        if (!everyone)
        {
            query = query.Where(r => r.StaffId == mine);
        }

        var open = query.Where(r => r.AnsweredAt == null);
        var answered = query.Where(r => r.AnsweredAt != null).OrderByDescending(r => r.AskedAt).Take(AnsweredShown);
        var list = (await open.Concat(answered).ToListAsync(ct)).OrderByDescending(r => r.AskedAt).ToList();
        var names = await NamesAsync(list.Select(r => r.StaffId), ct);
        return list.Select(r => new SupervisionRequestView(r.Id, r.StaffId, names.GetValueOrDefault(r.StaffId, "?"), r.Message, r.AskedAt, r.Answer, r.AnsweredAt)).ToList();
    }

    /// <summary>The requests for individual supervision not answered yet.</summary>
    public IQueryable<SupervisionRequest> Unanswered() => db.SupervisionRequests.AsNoTracking().Where(r => r.AnsweredAt == null);

    /// <summary>
    /// Every request not answered yet, latest first, with who asked (for the Head of Therapy's home page): only what the
    /// home page shows, in one query, not the answered ones the supervision page lists as well.
    /// </summary>
    public async Task<IReadOnlyList<(string Who, string? Message)>> UnansweredRequestsAsync(CancellationToken ct)
    {
        var open = await (from r in Unanswered()
                          join s in db.StaffMembers.AsNoTracking() on r.StaffId equals s.Id into ss
                          from s in ss.DefaultIfEmpty()
                          orderby r.AskedAt descending
                          select new { r.Message, Known = s != null, First = s == null ? null : s.FirstName, Last = s == null ? null : s.LastName })
            .ToListAsync(ct);
        return open.Select(r => (Who: r.Known ? $"{r.First} {r.Last}" : "?", Message: (string?)r.Message)).ToList();
    }

    /// <summary>The Head of Therapy answers a request; the person who asked is told.</summary>
    public async Task<Outcome> AnswerAsync(SupervisionRequestId id, string? answer, CancellationToken ct)
    {
        var request = await db.SupervisionRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return new Error.NotFound("That request was not found.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var answered = request.Respond(answer, me.UserId, now);
        if (!answered.IsSuccess)
        {
            return answered;
        }

        var asker = await db.StaffMembers.AsNoTracking().Where(s => s.Id == request.StaffId).Select(s => s.UserId).SingleOrDefaultAsync(ct);
        if (asker is { } user)
        {
            await notifier.QueueAsync([user], [new NotificationMessage("Your request for supervision was answered", request.Answer!, "/supervision/ask",
                "supervision-answer:" + request.Id)], now, ct);
        }

        audit.Record("supervision.request-answered", "SupervisionRequest", id.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    private async Task<Dictionary<StaffId, string>> NamesAsync(IEnumerable<StaffId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
        {
            return [];
        }

        return (await db.StaffMembers.AsNoTracking().Where(s => list.Contains(s.Id)).Select(s => new { s.Id, s.FirstName, s.LastName }).ToListAsync(ct))
            .ToDictionary(s => s.Id, s => $"{s.FirstName} {s.LastName}");
    }
}
