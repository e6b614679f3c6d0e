using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.Caseload;

public static class CycleAuditActions
{
    public const string SituationAnalysis = "episode.situation-analysis";
    public const string GoalAgreed = "episode.goal-agreed";
    public const string GoalRated = "episode.goal-rated";
    public const string GoalCarried = "episode.goal-carried";
    public const string Check = "episode.check";
    public const string Tier = "episode.tier";
    public const string Confidentiality = "episode.confidentiality-explained";
    public const string Review = "episode.termly-review";
    public const string Discharged = "episode.discharged";
}

/// <summary>An episode the user reaches, with the names the pages show.</summary>
public sealed record EpisodeHeader(Episode Episode, string Pupil, string Practitioner, string Relationship);

/// <summary>A task of the cycle still to do for one episode: "Week 6 check due for Amara Okafor".</summary>
public sealed record DueTask(EpisodeId EpisodeId, PupilId PupilId, StaffId StaffId, string Pupil, string Title, string Detail, string Href, AgendaItemKind Kind);

/// <summary>One goal's rating at one termly review, and what became of it.</summary>
internal sealed record GoalRatingLine(CycleRecordId ReviewId, DateOnly TermEndsOn, ReviewDecision Decision, CycleGoalId GoalId, int Cycle, string Goal, GoalRating Rating, GoalNext Next, CycleGoalId? NextGoalId, DateOnly RatedOn);

/// <summary>An episode whose termly review is due.</summary>
public sealed record ReviewDue(EpisodeId EpisodeId, PupilId PupilId, string Pupil, string Practitioner, string Therapy, DateOnly StartDate, string Term, DateOnly TermEndsOn);

/// <summary>Everything the episode page shows.</summary>
public sealed record EpisodeView(
    EpisodeHeader Header, CyclePosition? Position, IReadOnlyList<DueTask> Due, SituationAnalysis? SituationAnalysis,
    IReadOnlyList<CycleGoal> Goals, IReadOnlyList<CycleCheck> Checks, IReadOnlyList<TermlyReview> Reviews, ReviewDue? ReviewDue,
    IReadOnlyDictionary<Guid, DateOnly> Meetings, DateOnly Today);

/// <summary>
/// The 12-week cycle on an episode (Serenity School) and its termly review (West Heath): the
/// situation analysis, SMART goals and their ratings, the week 6, 11 and 12 checks, tier and
/// modality, the confidentiality statement, termly reviews and discharge. Reached only by the
/// pupil's own practitioner and the Head of Therapy (anyone else: not found); reads are audited.
/// </summary>
public sealed class EpisodeCycles(SecureBaseDb db, CurrentUser me, ConfidentialReads reads, AuditLog audit, Schools.SchoolClock schoolClock)
{
    public DateOnly Today => schoolClock.Today;

    /// <summary>The episode if the user's scope for <paramref name="action"/> reaches it: the Head of Therapy any, a practitioner their own.</summary>
    public async Task<EpisodeHeader?> FindAsync(EpisodeId id, SchoolAction action, CancellationToken ct = default)
    {
        var scope = me.ScopeFor(action);
        var found = await (from e in db.Episodes
                           join p in db.Pupils on e.PupilId equals p.Id
                           join s in db.StaffMembers on e.StaffId equals s.Id
                           where e.Id == id
                           select new { e, F = p.PreferredFirstName ?? p.LegalFirstName, L = p.PreferredLastName ?? p.LegalLastName, s.FirstName, s.LastName })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        string? relationship = null;
        if (scope.HasFlag(Scope.OwnCaseload) && me.StaffId is { } mine && found.e.StaffId == mine)
        {
            relationship = "the pupil's own practitioner";
        }
        else if (scope.HasFlag(Scope.School))
        {
            relationship = "the Head of Therapy overseeing therapy";
        }

        return relationship is null ? null : new EpisodeHeader(found.e, $"{found.F} {found.L}", $"{found.FirstName} {found.LastName}", relationship);
    }

    /// <summary>The episode page's content; the read is audited with the reason the relationship implies.</summary>
    public async Task<Result<EpisodeView>> ViewAsync(EpisodeId id, string channel, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.ViewEpisode, ct) is not { } header)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        await reads.OpenAsync("Episode", id.ToString(), "episode of therapy", header.Relationship, null, null, channel, ct);
        var today = Today;
        var calendar = await SchoolCalendar.LoadForReadingAsync(db, ct);
        var e = header.Episode;
        var position = e.IsOpen ? PositionNow(calendar, e.StartDate, today) : null;
        var due = e.IsOpen ? await OutstandingAsync([(e, header.Pupil)], calendar, today, ct) : [];
        var meetings = await db.MdtMeetings.AsNoTracking().Where(m => m.HeldOn <= today && m.HeldOn >= today.AddDays(-120)).OrderByDescending(m => m.HeldOn)
            .Select(m => new { m.Id, m.HeldOn }).ToListAsync(ct);
        var reviewDue = e.IsOpen ? (await ReviewsDueAsync(calendar, today, e.Id, ct)).FirstOrDefault() : null;
        return new EpisodeView(header, position, due,
            await db.SituationAnalyses.AsNoTracking().SingleOrDefaultAsync(a => a.EpisodeId == id, ct),
            await db.CycleGoals.AsNoTracking().Where(g => g.EpisodeId == id).OrderBy(g => g.Cycle).ThenBy(g => g.Id).ToListAsync(ct),
            await db.CycleChecks.AsNoTracking().Where(c => c.EpisodeId == id).OrderBy(c => c.Cycle).ThenBy(c => c.Kind).ToListAsync(ct),
            await db.TermlyReviews.AsNoTracking().Where(r => r.EpisodeId == id).OrderBy(r => r.TermEndsOn).ToListAsync(ct),
            reviewDue, meetings.ToDictionary(m => m.Id, m => m.HeldOn), today);
    }

    /// <summary>Where the cycle is today; in a holiday week, where it was in the last school week (the cycle pauses).</summary>
    public static CyclePosition? PositionNow(SchoolCalendar calendar, DateOnly start, DateOnly today)
    {
        for (var day = today; day >= start && day > today.AddDays(-60); day = day.AddDays(-1))
        {
            if (EpisodeCycle.On(calendar, start, day) is { } p)
            {
                return p;
            }
        }

        return null;
    }

    public async Task<Outcome> RecordSituationAnalysisAsync(EpisodeId id, SituationAnalysisDetails details, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.RecordEpisodeCycle, ct) is not { } h)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        if (await db.SituationAnalyses.AnyAsync(a => a.EpisodeId == id, ct))
        {
            return new Error.Conflict("The situation analysis for this episode has already been recorded.");
        }

        var made = SituationAnalysis.Record(h.Episode, details, Today, me.UserId);
        if (!made.IsSuccess)
        {
            return made.Error!;
        }

        db.SituationAnalyses.Add(made.Value);
        audit.Record(CycleAuditActions.SituationAnalysis, "Episode", id.ToString());
        return await SaveAsync("The situation analysis for this episode has already been recorded.", ct);
    }

    public async Task<Result<CycleGoal>> AgreeGoalAsync(EpisodeId id, GoalDetails details, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.RecordEpisodeCycle, ct) is not { } h)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        if (details.MdtMeetingId is { } meeting && !await db.MdtMeetings.AnyAsync(m => m.Id == meeting, ct))
        {
            return new Error.Validation("MdtMeetingId", "Choose the MDT meeting from the list");
        }

        var today = Today;
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var cycle = PositionNow(calendar, h.Episode.StartDate, today)?.Cycle ?? 1;
        var made = CycleGoal.Agree(h.Episode, cycle, details, today);
        if (!made.IsSuccess)
        {
            return made.Error!;
        }

        db.CycleGoals.Add(made.Value);
        audit.Record(CycleAuditActions.GoalAgreed, "Episode", id.ToString(), detail: $"cycle {cycle}");
        await db.SaveChangesAsync(ct);
        return made.Value;
    }

    public async Task<Outcome> RateGoalAsync(EpisodeId id, CycleGoalId goalId, GoalRating rating, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.RecordEpisodeCycle, ct) is not { } h)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        var goal = await db.CycleGoals.SingleOrDefaultAsync(g => g.Id == goalId && g.EpisodeId == id, ct);
        if (goal is null)
        {
            return new Error.NotFound("That goal was not found on this episode.");
        }

        if (!h.Episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; its goals can no longer be rated.");
        }

        var rated = goal.Rate(rating, Today);
        if (rated.IsSuccess)
        {
            audit.Record(CycleAuditActions.GoalRated, "Episode", id.ToString(), detail: rating.ToString());
            await db.SaveChangesAsync(ct);
        }

        return rated;
    }

    public async Task<Result<CycleGoal>> CarryForwardAsync(EpisodeId id, CycleGoalId goalId, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.RecordEpisodeCycle, ct) is not { } h)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        var goal = await db.CycleGoals.AsNoTracking().SingleOrDefaultAsync(g => g.Id == goalId && g.EpisodeId == id, ct);
        if (goal is null)
        {
            return new Error.NotFound("That goal was not found on this episode.");
        }

        if (await db.CycleGoals.AnyAsync(g => g.CarriedFrom == goalId, ct))
        {
            return new Error.Conflict("This goal has already been carried forward into the next cycle.");
        }

        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var cycle = PositionNow(calendar, h.Episode.StartDate, Today)?.Cycle ?? 1;
        var carried = goal.CarryForward(h.Episode, Math.Max(cycle, goal.Cycle), Today);
        if (!carried.IsSuccess)
        {
            return carried.Error!;
        }

        db.CycleGoals.Add(carried.Value);
        audit.Record(CycleAuditActions.GoalCarried, "Episode", id.ToString(), detail: $"into cycle {carried.Value.Cycle}");
        await db.SaveChangesAsync(ct);
        return carried.Value;
    }

    public async Task<Outcome> RecordCheckAsync(EpisodeId id, CheckKind kind, string? note, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.RecordEpisodeCycle, ct) is not { } h)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var today = Today;
        var position = h.Episode.StartDate > today ? null : PositionNow(calendar, h.Episode.StartDate, today);
        var made = CycleCheck.Record(h.Episode, position, kind, note, today, me.UserId);
        if (!made.IsSuccess)
        {
            return made.Error!;
        }

        var already = $"The {EpisodeCycle.TaskWords(CycleCheck.TaskOf(kind))} of cycle {made.Value.Cycle} has already been recorded.";
        if (await db.CycleChecks.AnyAsync(c => c.EpisodeId == id && c.Cycle == made.Value.Cycle && c.Kind == kind, ct))
        {
            return new Error.Conflict(already);
        }

        db.CycleChecks.Add(made.Value);
        audit.Record(CycleAuditActions.Check, "Episode", id.ToString(), detail: $"{kind}, cycle {made.Value.Cycle}");
        return await SaveAsync(already, ct);
    }

    public async Task<Outcome> SetTierAsync(EpisodeId id, TherapyTier? tier, string? modality, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.RecordEpisodeCycle, ct) is not { } h)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        var set = h.Episode.SetTierAndModality(tier, modality);
        if (set.IsSuccess)
        {
            audit.Record(CycleAuditActions.Tier, "Episode", id.ToString(), detail: tier?.ToString());
            await db.SaveChangesAsync(ct);
        }

        return set;
    }

    public async Task<Outcome> RecordConfidentialityAsync(EpisodeId id, DateOnly? shownOn, string? response, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.RecordEpisodeCycle, ct) is not { } h)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        if (!h.Episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended.");
        }

        if (h.Episode.ConfidentialityExplainedOn is { } done)
        {
            return new Error.Conflict($"The confidentiality statement was already shown on {done:d MMMM yyyy}.");
        }

        var today = Today;
        var recorded = h.Episode.RecordConfidentialityExplained(shownOn ?? today, response, today);
        if (recorded.IsSuccess)
        {
            audit.Record(CycleAuditActions.Confidentiality, "Episode", id.ToString());
            await db.SaveChangesAsync(ct);
        }

        return recorded;
    }

    /// <summary>Records the termly review of the term now ending (or just ended); "discharge" is then done on the discharge step.</summary>
    public Task<Result<TermlyReview>> RecordReviewAsync(EpisodeId id, ReviewDecision decision, string? change, string? note, CancellationToken ct = default) =>
        RecordReviewAsync(id, decision, change, note, [], ct);

    /// <summary>
    /// Records the termly review with a rating of each of the episode's current goals and, for another cycle
    /// or a change, whether each is carried, revised or closed (<see cref="GoalReview"/>); the ratings are kept per review.
    /// </summary>
    internal async Task<Result<TermlyReview>> RecordReviewAsync(EpisodeId id, ReviewDecision decision, string? change, string? note, IReadOnlyList<GoalChoice> goals, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.RecordEpisodeCycle, ct) is not { } h)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        if (!h.Episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; there is nothing to review.");
        }

        var today = Today;
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var reviewable = ReviewableTerm(calendar, today);
        var made = TermlyReview.Record(h.Episode, reviewable?.LastDay ?? today, decision, change, note, today, me.UserId);
        if (!made.IsSuccess)
        {
            return made.Error!;
        }

        if (reviewable is not { } term)
        {
            return new Error.Conflict("No term is ending: termly reviews are recorded in the last two weeks of a term or the holiday after it.");
        }

        var already = $"The review for the {term.Label} has already been recorded.";
        if (await db.TermlyReviews.AnyAsync(r => r.EpisodeId == id && r.TermEndsOn == term.LastDay, ct))
        {
            return new Error.Conflict(already);
        }

        var current = await CurrentGoalsAsync(id, ct);
        var rated = GoalReview.Apply(h.Episode, made.Value, current, goals, PositionNow(calendar, h.Episode.StartDate, today)?.Cycle ?? 1, today);
        if (!rated.IsSuccess)
        {
            return rated.Error!;
        }

        db.TermlyReviews.Add(made.Value);
        db.GoalReviewRatings.AddRange(rated.Value.Ratings);
        db.CycleGoals.AddRange(rated.Value.NextGoals);
        audit.Record(CycleAuditActions.Review, "Episode", id.ToString(), detail: rated.Value.Ratings.Count == 0 ? decision.ToString() : $"{decision}, {rated.Value.Ratings.Count} goal(s) rated");
        var saved = await SaveAsync(already, ct);
        return saved.IsSuccess ? made.Value : saved.Error!;
    }

    /// <summary>The episode's current goals: not yet carried or revised into a later cycle, nor closed at a review.</summary>
    internal async Task<List<CycleGoal>> CurrentGoalsAsync(EpisodeId id, CancellationToken ct = default) =>
        await db.CycleGoals.Where(g => g.EpisodeId == id
                                       && !db.CycleGoals.Any(n => n.CarriedFrom == g.Id)
                                       && !db.GoalReviewRatings.Any(r => r.GoalId == g.Id && r.Next == GoalNext.Closed))
            .OrderBy(g => g.Cycle).ToListAsync(ct);

    /// <summary>Each goal's rating at each termly review, oldest review first (the read is audited as the episode's).</summary>
    internal async Task<Result<List<GoalRatingLine>>> GoalRatingsAsync(EpisodeId id, string channel, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.ViewEpisode, ct) is not { } header)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        await reads.OpenAsync("Episode", id.ToString(), "episode of therapy", header.Relationship, null, null, channel, ct);
        return await RatingLinesAsync(id, ct);
    }

    /// <summary>The rating lines of an episode the caller has already reached and audited.</summary>
    internal async Task<List<GoalRatingLine>> RatingLinesAsync(EpisodeId id, CancellationToken ct = default)
    {
        var rows = await (from r in db.GoalReviewRatings.AsNoTracking()
                          join review in db.TermlyReviews on r.ReviewId equals review.Id
                          join g in db.CycleGoals on r.GoalId equals g.Id
                          where r.EpisodeId == id
                          select new { r, review.TermEndsOn, review.Decision, g.Cycle, g.Specific }).ToListAsync(ct);
        return rows.OrderBy(x => x.TermEndsOn).ThenBy(x => x.Cycle).ThenBy(x => x.r.GoalId.Value)
            .Select(x => new GoalRatingLine(x.r.ReviewId, x.TermEndsOn, x.Decision, x.r.GoalId, x.Cycle, x.Specific, x.r.Rating, x.r.Next, x.r.NextGoalId, x.r.RatedOn)).ToList();
    }

    public async Task<Result<EpisodeHeader>> DischargeAsync(EpisodeId id, DischargeReason? reason, string? summary, CancellationToken ct = default)
    {
        if (await FindAsync(id, SchoolAction.DischargeEpisode, ct) is not { } h)
        {
            return new Error.NotFound("That episode of therapy was not found.");
        }

        if (reason is not { } why)
        {
            return h.Episode.IsOpen ? new Error.Validation("Reason", "Choose a reason for the discharge") : new Error.Conflict("This episode of therapy has already ended.");
        }

        var today = Today;
        var done = h.Episode.Discharge(today < h.Episode.StartDate ? h.Episode.StartDate : today, why, summary, today < h.Episode.StartDate ? h.Episode.StartDate : today);
        if (!done.IsSuccess)
        {
            return done.Error!;
        }

        audit.Record(CycleAuditActions.Discharged, "Episode", id.ToString(), detail: why.ToString());
        var saved = await SaveAsync("This episode of therapy has already ended.", ct);
        return saved.IsSuccess ? h : saved.Error!;
    }

    /// <summary>The term whose review is open on <paramref name="today"/>: the term ending within two weeks, or, in the holiday, the one just ended.</summary>
    public static Term? ReviewableTerm(SchoolCalendar calendar, DateOnly today)
    {
        var terms = calendar.Years.SelectMany(y => y.Terms).OrderBy(t => t.FirstDay).ToList();
        if (terms.FirstOrDefault(t => t.FirstDay <= today && today <= t.LastDay) is { } current)
        {
            return today >= current.LastDay.AddDays(-13) ? current : null;
        }

        return terms.Where(t => t.LastDay < today).MaxBy(t => t.LastDay);
    }

    /// <summary>Open episodes whose termly review is due (the Head of Therapy's list), optionally one episode's.</summary>
    public async Task<IReadOnlyList<ReviewDue>> ReviewsDueAsync(SchoolCalendar calendar, DateOnly today, EpisodeId? only = null, CancellationToken ct = default)
    {
        if (ReviewableTerm(calendar, today) is not { } term)
        {
            return [];
        }

        var windowOpens = term.LastDay.AddDays(-13);
        var q = from e in db.Episodes
                join p in db.Pupils on e.PupilId equals p.Id
                join s in db.StaffMembers on e.StaffId equals s.Id
                where e.Status == EpisodeStatus.Open && e.StartDate < windowOpens
                where !db.TermlyReviews.Any(r => r.EpisodeId == e.Id && r.TermEndsOn == term.LastDay)
                select new { e.Id, e.PupilId, e.Discipline, e.StartDate, F = p.PreferredFirstName ?? p.LegalFirstName, L = p.PreferredLastName ?? p.LegalLastName, s.FirstName, s.LastName };
        if (only is { } one)
        {
            q = q.Where(x => x.Id == one);
        }

        return (await q.ToListAsync(ct))
            .Select(x => new ReviewDue(x.Id, x.PupilId, $"{x.F} {x.L}", $"{x.FirstName} {x.LastName}", Staff.Disciplines.Name(x.Discipline), x.StartDate, term.Label, term.LastDay))
            .OrderBy(r => r.Pupil, StringComparer.CurrentCulture).ToList();
    }

    public async Task<IReadOnlyList<ReviewDue>> ReviewsDueAsync(CancellationToken ct = default) =>
        await ReviewsDueAsync(await SchoolCalendar.LoadForReadingAsync(db, ct), Today, null, ct);

    /// <summary>
    /// The cycle's tasks still to do on <paramref name="on"/> for open episodes: the situation analysis
    /// (first cycle), goals for this cycle, the week 6 check, outcome measures and reflective evaluation
    /// once their week has come, and the confidentiality statement until it has been shown.
    /// </summary>
    public async Task<IReadOnlyList<DueTask>> OutstandingAsync(IReadOnlyList<(Episode Episode, string Pupil)> episodes, SchoolCalendar calendar, DateOnly on, CancellationToken ct = default)
    {
        if (episodes.Count == 0)
        {
            return [];
        }

        // Only the episodes in a cycle on that day can have the cycle's tasks (no query when none is: the confidentiality
        // statement needs none).
        var ids = episodes.Where(e => EpisodeCycle.On(calendar, e.Episode.StartDate, on) is not null).Select(e => e.Episode.Id).ToList();

        // What is already recorded, in one query (one round trip to PostgreSQL, not three): situation analyses
        // (What 0), goals (What 1, per cycle) and checks (What 2-4, per cycle and kind).
        var recorded = ids.Count > 0 ? await Recorded.For(db)(db, ids).ToListAsync(ct) : [];
        var analysed = recorded.Where(r => r.What == 0).Select(r => r.EpisodeId).ToHashSet();
        var goals = recorded.Where(r => r.What == 1).Select(r => (r.EpisodeId, r.Cycle)).ToHashSet();
        var checks = recorded.Where(r => r.What >= 2)
            .Select(r => (r.EpisodeId, r.Cycle, CycleCheck.TaskOf(r.What == 2 ? CheckKind.Week6Check : r.What == 3 ? CheckKind.OutcomeMeasures : CheckKind.ReflectiveEvaluation)))
            .ToHashSet();
        var due = new List<DueTask>();
        foreach (var (e, pupil) in episodes.OrderBy(x => x.Pupil, StringComparer.CurrentCulture))
        {
            var href = $"/episodes/{e.Id}";
            if (e.ConfidentialityExplainedOn is null && e.StartDate <= on.AddDays(7))
            {
                due.Add(new(e.Id, e.PupilId, e.StaffId, pupil, $"Show the confidentiality statement to {pupil}", "Before the first session", $"{href}/confidentiality", AgendaItemKind.CycleTaskDue));
            }

            if (EpisodeCycle.On(calendar, e.StartDate, on) is not { } p)
            {
                continue;
            }

            foreach (var task in p.TasksByNow)
            {
                var done = task switch
                {
                    CycleTask.SituationAnalysis => analysed.Contains(e.Id),
                    CycleTask.Goals => goals.Contains((e.Id, p.Cycle)),
                    _ => checks.Contains((e.Id, p.Cycle, task)),
                };
                if (!done)
                {
                    var target = task switch
                    {
                        CycleTask.SituationAnalysis => $"{href}/situation-analysis",
                        CycleTask.Goals => $"{href}/goals/new",
                        _ => $"{href}#checks",
                    };
                    due.Add(new(e.Id, e.PupilId, e.StaffId, pupil, EpisodeCycle.DueTitle(task, pupil),
                        $"Week {p.Week} of cycle {p.Cycle}, {Staff.Disciplines.InSentence(e.Discipline)}", target, AgendaItemKind.CycleTaskDue));
                }
            }
        }

        return due;
    }

    /// <summary>Open episodes with their pupils' names: one practitioner's, or everyone's.</summary>
    public async Task<IReadOnlyList<(Episode Episode, string Pupil)>> OpenEpisodesAsync(StaffId? heldBy, CancellationToken ct = default)
    {
        var read = heldBy is { } staff
            ? await OpenEpisodesHeldBy.For(db)(db, staff).ToListAsync(ct)
            : await (from e in db.Episodes.AsNoTracking()
                     join p in db.Pupils on e.PupilId equals p.Id
                     where e.Status == EpisodeStatus.Open
                     select new OpenEpisodeRead(e, p.PreferredFirstName ?? p.LegalFirstName, p.PreferredLastName ?? p.LegalLastName)).ToListAsync(ct);
        return read.Select(x => (x.Episode, $"{x.First} {x.Last}")).ToList();
    }

    private sealed record OpenEpisodesOf(StaffId Staff);

    private sealed record OpenEpisodeRead(Episode Episode, string First, string Last);

    // Set by member initialization: EF translates a union of such projections (not of constructor calls).
    private sealed class RecordedRead
    {
        public EpisodeId EpisodeId { get; init; }
        public int Cycle { get; init; }
        public int What { get; init; }
    }

    // OutstandingAsync's read of what is recorded, on every visit to a practitioner's home page: compiled once (EF's
    // preparing of the LINQ query, walking and hashing it, was a measurable share of the page's CPU).
    private static readonly Data.PerModel<Func<SecureBaseDb, List<EpisodeId>, IAsyncEnumerable<RecordedRead>>> Recorded = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, List<EpisodeId> ids) => db.SituationAnalyses.AsNoTracking().Where(a => ids.Contains(a.EpisodeId))
            .Select(a => new RecordedRead { EpisodeId = a.EpisodeId, Cycle = 0, What = 0 })
            .Concat(db.CycleGoals.AsNoTracking().Where(g => ids.Contains(g.EpisodeId)).Select(g => new RecordedRead { EpisodeId = g.EpisodeId, Cycle = g.Cycle, What = 1 }))
            .Concat(db.CycleChecks.AsNoTracking().Where(c => ids.Contains(c.EpisodeId)).Select(c => new RecordedRead
            {
                EpisodeId = c.EpisodeId,
                Cycle = c.Cycle,
                What = c.Kind == CheckKind.Week6Check ? 2 : c.Kind == CheckKind.OutcomeMeasures ? 3 : 4,
            }))));

    // One practitioner's open episodes, for the home page's task lists on every visit: compiled once (EF's preparing of
    // the LINQ query was a measurable share of the page's CPU). OpenEpisodesAsync's query, for one practitioner.
    private static readonly Data.PerModel<Func<SecureBaseDb, StaffId, IAsyncEnumerable<OpenEpisodeRead>>> OpenEpisodesHeldBy = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, StaffId staff) =>
            from e in db.Episodes.AsNoTracking()
            join p in db.Pupils on e.PupilId equals p.Id
            where e.Status == EpisodeStatus.Open && e.StaffId == staff
            select new OpenEpisodeRead(e, p.PreferredFirstName ?? p.LegalFirstName, p.PreferredLastName ?? p.LegalLastName)));

    /// <summary>
    /// <see cref="OpenEpisodesAsync"/> for one practitioner, read once per request for the home page's task lists
    /// (the cycle's and the TOM's); forgotten as soon as the request saves anything.
    /// </summary>
    public Task<IReadOnlyList<(Episode Episode, string Pupil)>> OpenEpisodesForReadingAsync(StaffId heldBy, CancellationToken ct = default) =>
        db.ReadOnceAsync(new OpenEpisodesOf(heldBy), c => OpenEpisodesAsync(heldBy, c), ct);

    private async Task<Outcome> SaveAsync(string conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }
        catch (DbUpdateException ex) when (DbConflicts.IsConflict(ex))
        {
            return new Error.Conflict(conflict);
        }
    }
}
