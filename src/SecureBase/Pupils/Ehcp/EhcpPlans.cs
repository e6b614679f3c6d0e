using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Schools;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>Names of EHCP changes in the audit log.</summary>
public static class EhcpAuditActions
{
    public const string PlanCreated = "ehcp.plan-created";
    public const string PlanUpdated = "ehcp.plan-updated";
    public const string ReviewRecorded = "ehcp.review-recorded";
    public const string ProvisionAdded = "ehcp.provision-added";
    public const string ProvisionChanged = "ehcp.provision-changed";
    public const string ProvisionRemoved = "ehcp.provision-removed";
}

/// <summary>A pupil's EHCP as its pages show it: the pupil, the plan (if recorded) with its provision, why it is out of date, and specified vs delivered.</summary>
internal sealed record EhcpRow(Pupil Pupil, EhcpPlan? Plan, IReadOnlyList<EhcpFlag> Flags, PupilProvision? Provision)
{
    public bool IsOutOfDate => Flags.Count > 0;
}

/// <summary>
/// A pupil with an EHCP as the lists show them: the pupil's name and year, the plan's dates (if recorded), why it is
/// out of date, and specified vs delivered. Only what a list shows is read, not the records themselves.
/// </summary>
public sealed record EhcpListRow(PupilId PupilId, string PupilName, int YearGroup, EhcpPlanDates? Plan, IReadOnlyList<EhcpFlag> Flags, PupilProvision? Provision)
{
    public bool IsOutOfDate => Flags.Count > 0;
}

/// <summary>
/// The rows (one page of them, or all) and the period their specified vs delivered figures cover; how many rows the
/// list has in all, and which page these are (1 when all).
/// </summary>
public sealed record EhcpOverview(ProvisionPeriod Period, IReadOnlyList<EhcpListRow> Rows, int Total, int Page = 1);

/// <summary>A line of provision to keep (with its id) or add (without), for replacing a plan's provision at once.</summary>
public sealed record ProvisionChange(ProvisionItemId? Id, ProvisionDetails Details);

/// <summary>
/// EHCP plans as the pages and the API use them: what the user's scope reaches (through
/// <see cref="PupilAccess"/>, so a pupil outside it is "not found"), and the changes, each audited
/// and followed by a check of the plan so the right people hear at once if it is out of date.
/// </summary>
public sealed class EhcpPlans(SecureBaseDb db, PupilAccess access, EhcpReviewCheck check, AuditLog audit, TimeProvider clock, Schools.SchoolClock schoolClock, CurrentUser me, ConfidentialReads reads, Sessions.DeliveredSessions delivered, Notifications.MyNotifications notifications)
{
    private static readonly Error PupilNotFound = new Error.NotFound("That pupil was not found.");

    /// <summary>
    /// Pupils with an EHCP whom the user may see, with their plans, flags and provision, in name order. (The page shows
    /// them a page at a time with <see cref="ListPageAsync"/>: a page past the end gives the last; the filters and the
    /// count cover the whole list, and specified vs delivered, the costly part, every session of the year so far, is
    /// worked out for the rows of the page only.)
    /// </summary>
    public Task<EhcpOverview> ListAsync(Discipline? discipline, bool outOfDateOnly, CancellationToken ct = default) =>
        ListAsync(discipline, outOfDateOnly, page: null, ct);

    /// <summary>One page of <see cref="ListAsync(Discipline?, bool, CancellationToken)"/>.</summary>
    public Task<EhcpOverview> ListPageAsync(Discipline? discipline, bool outOfDateOnly, int page, int pageSize, CancellationToken ct = default) =>
        ListAsync(discipline, outOfDateOnly, (page, pageSize), ct);

    private async Task<EhcpOverview> ListAsync(Discipline? discipline, bool outOfDateOnly, (int Number, int Size)? page, CancellationToken ct)
    {
        var calendar = await SchoolCalendar.LoadForReadingAsync(db, ct);
        var today = schoolClock.Today;

        // One command (on PostgreSQL) reads every line of the list, each line of provision with whether a current member
        // of staff practises its discipline (a plan specifying one no one practises is out of date), and, for a page, the
        // header's unread messages. Only the columns the list shows are read: the whole records (a plan's notes, a pupil's
        // every field) were most of what the list cost the database and the application at authority scale. (Asking per
        // line whether its discipline is practised cost the database more, a subquery for every line; so did counting
        // the practitioners of each of the twelve disciplines, and preparing that larger query cost the application more.)
        // Someone who sees the whole school (the SENDCo, the head of therapy, the headteacher: the list's busiest readers)
        // reads it with a query compiled once, and the header counts its unread messages on its own: at authority scale
        // EF's preparing of the one command (walking and hashing its expression to find its SQL, on every visit) cost more
        // than the second round trip (the list's CPU, the application's and the database's, fell by about a sixth).
        List<ListLine> lines;
        if (access.ReachesWholeSchool(SchoolAction.ViewEhcp))
        {
            lines = await WholeSchoolLines.For(db)(db, today).ToListAsync(ct);
        }
        else
        {
            IReadOnlyList<IQueryable> counted = page is not null ? [notifications.Unread()] : [];
            (var counts, lines) = await CountsInOneCommand.CountWithRowsAsync(db, counted, Lines(today), ct);
            if (page is not null)
            {
                notifications.KnowUnread(counts[0]);
            }
        }

        var offered = lines.Where(l => l.Practised).Select(l => l.Discipline!.Value).ToHashSet();
        var pupils = lines
            .GroupBy(l => l.PupilId)
            .Select(g => new Listed(g.First(), g.Where(l => l.Discipline is not null).OrderBy(l => l.ItemCreatedAt).ThenBy(l => l.ItemId!.Value.Value).ToList()))
            .Where(p => discipline is null || p.Items.Any(i => i.Discipline == discipline))
            .ToList();

        // The reasons a plan is out of date are worded for the rows shown; for "out of date only", for every row first.
        var ordered = pupils
            .Select(p => (Pupil: p, Row: outOfDateOnly ? p.Row(offered, today) : null))
            .Where(r => r.Row is null || r.Row.IsOutOfDate)
            .OrderBy(r => r.Pupil.LastName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.Pupil.FirstName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        var paging = page is { } asked ? Paging.Of(asked.Number, ordered.Count, asked.Size) : Paging.Of(1, ordered.Count, Math.Max(1, ordered.Count));
        var shown = ordered.Skip(paging.Skip).Take(paging.Size).Select(r => (Row: r.Row ?? r.Pupil.Row(offered, today), r.Pupil.Items)).ToList();

        var withPlans = shown.Where(s => s.Row.Plan is not null).ToList();
        var specified = withPlans.SelectMany(s => s.Items.Select(i => new SpecifiedProvision(s.Row.PupilId, i.Discipline!.Value, i.Sessions!.Value, i.Frequency!.Value, i.MinutesPerSession!.Value, i.Delivery!.Value)));
        var (period, provision) = await CompareAsync(withPlans.Select(s => s.Row.PupilId).ToList(), specified, calendar, today, ct);
        var rows = shown.Select(s => s.Row with { Provision = provision.GetValueOrDefault(s.Row.PupilId) }).ToList();
        return new EhcpOverview(period, rows, ordered.Count, paging.Page);
    }

    /// <summary>
    /// The list's lines for someone whose scope is narrower than the school (a therapist's caseload, a parent's child),
    /// through <see cref="PupilAccess"/>'s filter for the user: each pupil with an EHCP the user may see, joined with their plan (if recorded) and its lines of
    /// provision (a line for each; one with none when there are none), each with whether its discipline is practised by a
    /// current member of staff, reading only the columns the list uses.
    /// </summary>
    private IQueryable<ListLine> Lines(DateOnly today) =>
        from pupil in access.Visible(SchoolAction.ViewEhcp).Where(p => p.SenStatus == SenStatus.Ehcp && p.LeftOn == null)
        join plan in db.EhcpPlans on pupil.Id equals plan.PupilId into plans
        from plan in plans.DefaultIfEmpty()
        join item in db.ProvisionItems on plan.Id equals item.PlanId into items
        from item in items.DefaultIfEmpty()
        join practised in check.Practised(today) on (Discipline?)item.Discipline equals practised into practising
        from practised in practising.DefaultIfEmpty()
        select new ListLine(
            pupil.Id, pupil.LegalFirstName, pupil.LegalLastName, pupil.PreferredFirstName, pupil.PreferredLastName, pupil.YearGroup,
            (EhcpPlanId?)plan.Id, (DateOnly?)plan.PlanDate, plan.LastReviewedOn, (DateOnly?)plan.NextReviewDue,
            (ProvisionItemId?)item.Id, (DateTime?)item.CreatedAt, (Discipline?)item.Discipline, (int?)item.Sessions, (ProvisionFrequency?)item.Frequency,
            (int?)item.MinutesPerSession, (ProvisionDelivery?)item.Delivery, practised != null);

    /// <summary><see cref="Lines"/> for someone who sees every pupil of the school, compiled once (the same joins and columns).</summary>
    private static readonly PerModel<Func<SecureBaseDb, DateOnly, IAsyncEnumerable<ListLine>>> WholeSchoolLines = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, DateOnly today) =>
            from pupil in db.Pupils.Where(p => p.SenStatus == SenStatus.Ehcp && p.LeftOn == null)
            join plan in db.EhcpPlans on pupil.Id equals plan.PupilId into plans
            from plan in plans.DefaultIfEmpty()
            join item in db.ProvisionItems on plan.Id equals item.PlanId into items
            from item in items.DefaultIfEmpty()
            join practised in db.StaffMembers.Where(s => s.Discipline != null && (s.LeftOn == null || s.LeftOn > today)).Select(s => s.Discipline).Distinct()
                on (Discipline?)item.Discipline equals practised into practising
            from practised in practising.DefaultIfEmpty()
            select new ListLine(
                pupil.Id, pupil.LegalFirstName, pupil.LegalLastName, pupil.PreferredFirstName, pupil.PreferredLastName, pupil.YearGroup,
                (EhcpPlanId?)plan.Id, (DateOnly?)plan.PlanDate, plan.LastReviewedOn, (DateOnly?)plan.NextReviewDue,
                (ProvisionItemId?)item.Id, (DateTime?)item.CreatedAt, (Discipline?)item.Discipline, (int?)item.Sessions, (ProvisionFrequency?)item.Frequency,
                (int?)item.MinutesPerSession, (ProvisionDelivery?)item.Delivery, practised != null)));

    /// <summary>
    /// One line of <see cref="Lines"/>: a pupil, their plan's dates (null: no plan recorded) and one line of its provision
    /// (null: none), with whether a current member of staff practises that line's discipline.
    /// </summary>
    private sealed record ListLine(
        PupilId PupilId, string LegalFirstName, string LegalLastName, string? PreferredFirstName, string? PreferredLastName, int YearGroup,
        EhcpPlanId? PlanId, DateOnly? PlanDate, DateOnly? LastReviewedOn, DateOnly? NextReviewDue,
        ProvisionItemId? ItemId, DateTime? ItemCreatedAt, Discipline? Discipline, int? Sessions, ProvisionFrequency? Frequency, int? MinutesPerSession, ProvisionDelivery? Delivery,
        bool Practised);

    /// <summary>A pupil of the list, from their first line, with their lines of provision in the order they were added.</summary>
    private sealed record Listed(ListLine Line, IReadOnlyList<ListLine> Items)
    {
        public string FirstName => Line.PreferredFirstName ?? Line.LegalFirstName;
        public string LastName => Line.PreferredLastName ?? Line.LegalLastName;

        /// <summary>The row, with the reasons the plan is out of date; its specified vs delivered is added for the rows shown.</summary>
        public EhcpListRow Row(IReadOnlySet<Discipline> offered, DateOnly today)
        {
            var name = $"{FirstName} {LastName}";
            var plan = Line.PlanId is { } id ? new EhcpPlanDates(id, Line.PlanDate!.Value, Line.LastReviewedOn, Line.NextReviewDue!.Value) : null;
            IReadOnlyList<EhcpFlag> flags = plan is null ? [] : EhcpFlags.For(plan, Items.Select(i => i.Discipline!.Value), name, offered, today);
            return new EhcpListRow(Line.PupilId, name, Line.YearGroup, plan, flags, null);
        }
    }

    /// <summary>One pupil's EHCP if the action reaches the pupil; null means "not found".</summary>
    /// <summary>
    /// Opens one pupil's EHCP for reading, audited with why: those who keep EHCPs (SENDCo, Head of
    /// Therapy), the pupil's own practitioner and a parent of their own child need give no reason;
    /// anyone else (a senior leader reviewing) chooses one first. Null when the pupil is not reached;
    /// a validation error naming "reason" when a reason is needed.
    /// </summary>
    internal async Task<Result<(EhcpRow Row, ProvisionPeriod Period)>?> ReadAsync(PupilId pupilId, ReadReason? reason, string? otherReason, string channel, CancellationToken ct = default)
    {
        if (await GetAsync(pupilId, SchoolAction.ViewEhcp, ct) is not { } found)
        {
            return null;
        }

        var scope = me.ScopeFor(SchoolAction.ViewEhcp);
        string? relationship =
            me.Can(SchoolAction.ManageEhcp) ? "keeps the school's EHCPs"
            : me.StaffId is { } staff && await db.Episodes.AnyAsync(e => e.PupilId == pupilId && e.StaffId == staff && e.Status == Caseload.EpisodeStatus.Open, ct) ? "the pupil's own practitioner"
            : scope.HasFlag(Scope.OwnChild) && me.CarerId is { } carer && await db.CarerLinks.AnyAsync(l => l.PupilId == pupilId && l.CarerId == carer && !l.IsRestricted, ct) ? "their own child"
            : null;
        var because = await reads.OpenAsync(nameof(EhcpPlan), found.Row.Plan?.Id.ToString() ?? pupilId.ToString(), "EHCP", relationship, reason, otherReason, channel, ct);
        return because.IsSuccess ? found : because.Error!;
    }

    internal async Task<(EhcpRow Row, ProvisionPeriod Period)?> GetAsync(PupilId pupilId, SchoolAction action = SchoolAction.ViewEhcp, CancellationToken ct = default)
    {
        var pupil = await access.Visible(action).AsNoTracking().SingleOrDefaultAsync(p => p.Id == pupilId, ct);
        if (pupil is null)
        {
            return null;
        }

        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var today = schoolClock.Today;
        var plans = (await ReadWithProvisionAsync(db, p => p.PupilId == pupilId, ct)).ToDictionary(p => p.PupilId);
        var (period, rows) = await WithProvisionAsync(await FlaggedAsync([pupil], plans, today, ct), calendar, today, ct);
        return (rows[0], period);
    }

    /// <summary>Records a plan for the pupil, or changes the one recorded.</summary>
    public Task<Result<EhcpPlan>> SavePlanAsync(PupilId pupilId, EhcpPlanDetails details, CancellationToken ct = default) =>
        ChangeAsync(pupilId, createWith: details, c => c.IsNew ? Outcome.Ok : UpdatePlan(c, details), ct);

    public Task<Result<EhcpPlan>> RecordReviewAsync(PupilId pupilId, DateOnly reviewedOn, DateOnly nextReviewDue, CancellationToken ct = default) =>
        ChangeAsync(pupilId, createWith: null, c =>
        {
            var recorded = c.Plan.RecordAnnualReview(c.Pupil, reviewedOn, nextReviewDue, c.Today, c.Now);
            if (recorded.IsSuccess)
            {
                audit.Record(EhcpAuditActions.ReviewRecorded, nameof(EhcpPlan), c.Plan.Id.ToString(),
                    detail: $"reviewed {Iso(reviewedOn)}, next due {Iso(nextReviewDue)}");
            }

            return recorded;
        }, ct);

    public async Task<Result<ProvisionItem>> AddProvisionAsync(PupilId pupilId, ProvisionDetails details, CancellationToken ct = default)
    {
        ProvisionItem? added = null;
        var result = await ChangeAsync(pupilId, createWith: null, c =>
        {
            var item = c.Plan.AddProvision(c.Pupil, details, c.Now);
            if (!item.IsSuccess)
            {
                return item.Error!;
            }

            added = item.Value;
            db.ProvisionItems.Add(added);
            audit.Record(EhcpAuditActions.ProvisionAdded, nameof(EhcpPlan), c.Plan.Id.ToString(), detail: $"{added.Discipline}: {added.Describe()}");
            return Outcome.Ok;
        }, ct);
        return result.IsSuccess ? added! : result.Error!;
    }

    public async Task<Outcome> ChangeProvisionAsync(PupilId pupilId, ProvisionItemId itemId, ProvisionDetails details, CancellationToken ct = default)
    {
        var result = await ChangeAsync(pupilId, createWith: null, c =>
        {
            var changed = c.Plan.ChangeProvision(c.Pupil, itemId, details, c.Now);
            if (changed.IsSuccess)
            {
                var item = c.Plan.Provision.Single(i => i.Id == itemId);
                audit.Record(EhcpAuditActions.ProvisionChanged, nameof(EhcpPlan), c.Plan.Id.ToString(), detail: $"{item.Discipline}: {item.Describe()}");
            }

            return changed;
        }, ct);
        return result.IsSuccess ? Outcome.Ok : result.Error!;
    }

    public async Task<Outcome> RemoveProvisionAsync(PupilId pupilId, ProvisionItemId itemId, CancellationToken ct = default)
    {
        var result = await ChangeAsync(pupilId, createWith: null, c =>
        {
            var removed = c.Plan.RemoveProvision(c.Pupil, itemId, c.Now);
            if (!removed.IsSuccess)
            {
                return removed.Error!;
            }

            db.ProvisionItems.Remove(removed.Value);
            audit.Record(EhcpAuditActions.ProvisionRemoved, nameof(EhcpPlan), c.Plan.Id.ToString(), detail: $"{removed.Value.Discipline}: {removed.Value.Describe()}");
            return Outcome.Ok;
        }, ct);
        return result.IsSuccess ? Outcome.Ok : result.Error!;
    }

    /// <summary>
    /// Records or changes the plan and, when <paramref name="provision"/> is given, makes its provision
    /// exactly that list: lines with an id are changed, lines without are added, lines left out are
    /// removed. All or nothing: one bad line changes nothing. (The API's PUT.)
    /// </summary>
    public async Task<Result<EhcpPlan>> ReplaceAsync(PupilId pupilId, EhcpPlanDetails details, IReadOnlyList<ProvisionChange>? provision, CancellationToken ct = default)
    {
        if (provision is not null)
        {
            var errors = new List<FieldError>();
            if (provision.Count > EhcpRules.MaxProvisionLines)
            {
                errors.Add(new("Provision", $"A plan can list up to {EhcpRules.MaxProvisionLines} lines of therapy provision"));
            }

            for (var i = 0; i < provision.Count; i++)
            {
                if (ProvisionItem.Check(provision[i].Details).Error is Error.Validation v)
                {
                    errors.AddRange(v.Fields.Select(f => f with { Field = $"Provision[{i}].{f.Field}" }));
                }
            }

            if (errors.Count > 0)
            {
                return new Error.Validation(errors);
            }
        }

        return await ChangeAsync(pupilId, createWith: details, c =>
        {
            var updated = c.IsNew ? Outcome.Ok : UpdatePlan(c, details);
            return !updated.IsSuccess || provision is null ? updated : ReplaceProvision(c.Pupil, c.Plan, provision, c.Now);
        }, ct);
    }

    private Outcome UpdatePlan(PlanChange c, EhcpPlanDetails details)
    {
        var updated = c.Plan.Update(c.Pupil, details, c.Today, c.Now);
        if (updated.IsSuccess)
        {
            audit.Record(EhcpAuditActions.PlanUpdated, nameof(EhcpPlan), c.Plan.Id.ToString());
        }

        return updated;
    }

    private Outcome ReplaceProvision(Pupil pupil, EhcpPlan plan, IReadOnlyList<ProvisionChange> provision, DateTime now)
    {
        for (var i = 0; i < provision.Count; i++)
        {
            if (provision[i].Id is { } id && plan.Provision.All(p => p.Id != id))
            {
                return new Error.Validation($"Provision[{i}].Id", "That line of provision was not found in this plan; leave the id out to add a new line");
            }
        }

        var keep = provision.Where(p => p.Id is not null).Select(p => p.Id!.Value).ToHashSet();
        foreach (var gone in plan.Provision.Where(p => !keep.Contains(p.Id)).ToList())
        {
            var removed = plan.RemoveProvision(pupil, gone.Id, now);
            db.ProvisionItems.Remove(removed.Value);
            audit.Record(EhcpAuditActions.ProvisionRemoved, nameof(EhcpPlan), plan.Id.ToString(), detail: $"{gone.Discipline}: {gone.Describe()}");
        }

        foreach (var change in provision)
        {
            if (change.Id is { } id)
            {
                var changed = plan.ChangeProvision(pupil, id, change.Details, now);
                if (!changed.IsSuccess)
                {
                    return changed;
                }

                audit.Record(EhcpAuditActions.ProvisionChanged, nameof(EhcpPlan), plan.Id.ToString(), detail: $"{change.Details.Discipline}: {plan.Provision.Single(p => p.Id == id).Describe()}");
            }
            else
            {
                var added = plan.AddProvision(pupil, change.Details, now);
                if (!added.IsSuccess)
                {
                    return added.Error!;
                }

                db.ProvisionItems.Add(added.Value);
                audit.Record(EhcpAuditActions.ProvisionAdded, nameof(EhcpPlan), plan.Id.ToString(), detail: $"{added.Value.Discipline}: {added.Value.Describe()}");
            }
        }

        return Outcome.Ok;
    }

    /// <summary>
    /// Finds the pupil (the user's ManageEhcp scope) and their plan, creating it from
    /// <paramref name="createWith"/> when there is none, applies the change, saves it with its audit
    /// entries, then checks the plan. A rule's error leaves the database as it was.
    /// </summary>
    private async Task<Result<EhcpPlan>> ChangeAsync(PupilId pupilId, EhcpPlanDetails? createWith, Func<PlanChange, Outcome> change, CancellationToken ct)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ManageEhcp, ct);
        if (pupil is null)
        {
            return PupilNotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = check.SchoolDate(now);
        var plan = await db.EhcpPlans.Include(p => p.Provision).SingleOrDefaultAsync(p => p.PupilId == pupilId, ct);
        var isNew = plan is null;
        if (plan is null)
        {
            if (createWith is null)
            {
                return new Error.NotFound($"No EHCP is recorded for {pupil.DisplayName} yet. Record the plan first.");
            }

            var created = EhcpPlan.Create(pupil, createWith, today, now);
            if (!created.IsSuccess)
            {
                return created.Error!;
            }

            plan = created.Value;
            db.EhcpPlans.Add(plan);
            audit.Record(EhcpAuditActions.PlanCreated, nameof(EhcpPlan), plan.Id.ToString());
        }

        var outcome = change(new PlanChange(pupil, plan, isNew, today, now));
        if (!outcome.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return outcome.Error!;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<EhcpPlan>().Any(e => e.State == EntityState.Added))
        {
            // Someone else recorded this pupil's plan a moment ago (one plan per pupil).
            db.ChangeTracker.Clear();
            return new Error.Conflict($"Someone else has just recorded {pupil.DisplayName}'s EHCP. Open it again to see their changes.");
        }

        await check.RunForPlanAsync(plan.Id, now, ct);
        return plan;
    }

    /// <summary>
    /// Plans with their provision, read without tracking for showing. One query, a plan joined with its
    /// lines, rather than <c>Include</c>: EF's Include builds delegates for every row it reads (profiling showed it
    /// about 10% of the EHCP list's CPU at authority scale when the list read whole plans).
    /// </summary>
    internal static async Task<List<EhcpPlan>> ReadWithProvisionAsync(SecureBaseDb db, System.Linq.Expressions.Expression<Func<EhcpPlan, bool>> which, CancellationToken ct)
    {
        var read = await (
                from plan in db.EhcpPlans.AsNoTracking().Where(which)
                join item in db.ProvisionItems.AsNoTracking() on plan.Id equals item.PlanId into items
                from item in items.DefaultIfEmpty()
                select new PlanLine(plan, item))
            .ToListAsync(ct);
        return WithProvision(read);
    }

    /// <summary>One row of a plan read joined with its lines: the plan and a line (null: none).</summary>
    private sealed record PlanLine(EhcpPlan Plan, ProvisionItem? Item);

    /// <summary>Each plan once, with its lines in the order they were added.</summary>
    private static List<EhcpPlan> WithProvision(IEnumerable<PlanLine> read)
    {
        var plans = new List<EhcpPlan>();
        foreach (var lines in read.GroupBy(r => r.Plan.Id))
        {
            var plan = lines.First().Plan;
            plan.ProvisionRead(lines.Where(l => l.Item is not null).Select(l => l.Item!).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id.Value));
            plans.Add(plan);
        }

        return plans;
    }

    /// <summary>Each pupil with their plan and why it is out of date; their provision is added later, for the rows shown.</summary>
    private async Task<List<EhcpRow>> FlaggedAsync(IReadOnlyList<Pupil> pupils, IReadOnlyDictionary<PupilId, EhcpPlan> plans, DateOnly today, CancellationToken ct)
    {
        var offered = plans.Count == 0 ? new HashSet<Discipline>() : await check.OfferedDisciplinesAsync(today, ct);
        return pupils.Select(p =>
        {
            var plan = plans.GetValueOrDefault(p.Id);
            IReadOnlyList<EhcpFlag> flags = plan is null || p.SenStatus != SenStatus.Ehcp || p.HasLeft ? [] : EhcpFlags.For(plan, p.DisplayName, offered, today);
            return new EhcpRow(p, plan, flags, null);
        }).ToList();
    }

    /// <summary>The rows with specified vs delivered in the provision period (the academic year so far).</summary>
    private async Task<(ProvisionPeriod Period, IReadOnlyList<EhcpRow> Rows)> WithProvisionAsync(IReadOnlyList<EhcpRow> rows, SchoolCalendar calendar, DateOnly today, CancellationToken ct)
    {
        var plans = rows.Where(r => r.Plan is not null).Select(r => r.Plan!).ToList();
        var specified = plans.SelectMany(p => p.Provision.Select(i => SpecifiedProvision.Of(p.PupilId, i)));
        var (period, provision) = await CompareAsync(plans.Select(p => p.PupilId).ToList(), specified, calendar, today, ct);
        return (period, rows.Select(r => r with { Provision = provision.GetValueOrDefault(r.Pupil.Id) }).ToList());
    }

    /// <summary>
    /// Specified against delivered, per pupil, in the provision period (the academic year so far by the school's calendar,
    /// estimated without one): for the EHCP list's rows and for one pupil's plan alike. Delivered is what the sessions
    /// module records: the attended session members (each pupil's own minutes; a group session counts towards group provision).
    /// </summary>
    private async Task<(ProvisionPeriod Period, Dictionary<PupilId, PupilProvision> ByPupil)> CompareAsync(
        IReadOnlyCollection<PupilId> pupils, IEnumerable<SpecifiedProvision> specified, SchoolCalendar calendar, DateOnly today, CancellationToken ct)
    {
        var period = ProvisionPeriod.FromCalendar(calendar, today) ?? ProvisionPeriod.AcademicYearSoFar(today);
        var totals = await delivered.TotalsForAsync(pupils, period.From, period.To, ct);
        return (period, ProvisionCalculator.CompareTotals(specified, period, totals).ToDictionary(p => p.PupilId));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What a change works on: the pupil, their plan (new or recorded), the school's date and the time.</summary>
    private sealed record PlanChange(Pupil Pupil, EhcpPlan Plan, bool IsNew, DateOnly Today, DateTime Now);
}
