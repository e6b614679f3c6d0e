using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.Outcomes;

internal static class OutcomeAuditActions
{
    public const string TomRated = "outcomes.tom-rated";
    public const string SdqRecorded = "outcomes.sdq-recorded";
    public const string RootExported = "outcomes.root-exported";
}

/// <summary>A TOM rating as the practitioner gives it: the point and cycle may be left for the date to decide.</summary>
internal sealed record TomEntry(TomPoint? Point, int? Cycle, DateOnly? RatedOn, string? Scale, TomScores Scores);

/// <summary>An SDQ as the practitioner enters it.</summary>
internal sealed record SdqEntry(SdqInformant? Informant, DateOnly? CompletedOn, SdqSubscales Scores);

/// <summary>Everything the outcomes page shows for an episode.</summary>
internal sealed record OutcomesView(
    EpisodeHeader Header, CyclePosition? Position, TomPoint? DueNow, IReadOnlyList<TomRating> Tom, IReadOnlyList<GoalScore> Goals,
    IReadOnlyList<SdqScore> Sdq, bool CanRecordTom, bool CanRecordSdq, DateOnly Today);

/// <summary>What the TOM form needs: the episode and the point and cycle the date suggests.</summary>
internal sealed record TomForm(EpisodeHeader Header, CyclePosition? Position, TomPoint? Suggested, IReadOnlyList<TomRating> Recorded, DateOnly Today);

/// <summary>
/// Outcomes of an episode (issue 12, C9): TOM ratings, goal-based outcome scores and SDQs. Reached
/// only by the pupil's own practitioner and the Head of Therapy, as the episode is (anyone else, and
/// any other school: not found); reads are audited with the reason the relationship implies.
/// </summary>
internal sealed class OutcomeDesk(SecureBaseDb db, EpisodeCycles cycles, CurrentUser me, ConfidentialReads reads, AuditLog audit, Schools.SchoolClock schoolClock)
{
    public DateOnly Today => schoolClock.Today;

    private static Error.NotFound NoEpisode => new("That episode of therapy was not found.");

    public Task<EpisodeHeader?> FindAsync(EpisodeId id, SchoolAction action, CancellationToken ct) => cycles.FindAsync(id, action, ct);

    public async Task<Result<OutcomesView>> ViewAsync(EpisodeId id, string channel, CancellationToken ct)
    {
        if (await FindAsync(id, SchoolAction.ViewOutcomes, ct) is not { } h)
        {
            return NoEpisode;
        }

        await reads.OpenAsync("Episode", id.ToString(), "outcomes of an episode of therapy", h.Relationship, null, null, channel, ct);
        var today = Today;
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var position = h.Episode.IsOpen ? EpisodeCycles.PositionNow(calendar, h.Episode.StartDate, today) : null;
        var tom = await TomOfAsync(id, ct);
        var due = position is { } p && TomWords.DueIn(p.Week) is { } point && !tom.Any(t => t.Cycle == p.Cycle && t.Point == point) ? point : (TomPoint?)null;
        var mayRecordTom = h.Episode.IsOpen && await FindAsync(id, SchoolAction.RecordTom, ct) is not null;
        var mayRecordSdq = h.Episode.IsOpen && await FindAsync(id, SchoolAction.RecordSdq, ct) is not null;
        return new OutcomesView(h, position, due, tom, await GoalScores.ForEpisodeAsync(db, id, ct), await SdqOfAsync(id, ct), mayRecordTom, mayRecordSdq, today);
    }

    /// <summary>The episode's TOM ratings for the API; the read is audited.</summary>
    public async Task<Result<List<TomRating>>> TomRatingsAsync(EpisodeId id, string channel, CancellationToken ct)
    {
        if (await FindAsync(id, SchoolAction.ViewOutcomes, ct) is not { } h)
        {
            return NoEpisode;
        }

        await reads.OpenAsync("Episode", id.ToString(), "TOM ratings of an episode of therapy", h.Relationship, null, null, channel, ct);
        return await TomOfAsync(id, ct);
    }

    public async Task<Result<List<SdqScore>>> SdqScoresAsync(EpisodeId id, string channel, CancellationToken ct)
    {
        if (await FindAsync(id, SchoolAction.ViewOutcomes, ct) is not { } h)
        {
            return NoEpisode;
        }

        await reads.OpenAsync("Episode", id.ToString(), "SDQ scores of an episode of therapy", h.Relationship, null, null, channel, ct);
        return await SdqOfAsync(id, ct);
    }

    public async Task<TomForm?> TomFormAsync(EpisodeId id, CancellationToken ct)
    {
        if (await FindAsync(id, SchoolAction.RecordTom, ct) is not { } h)
        {
            return null;
        }

        var today = Today;
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var position = h.Episode.IsOpen ? EpisodeCycles.PositionNow(calendar, h.Episode.StartDate, today) : null;
        return new TomForm(h, position, position is { } p ? TomWords.DueIn(p.Week) : null, await TomOfAsync(id, ct), today);
    }

    public async Task<Result<TomRating>> RecordTomAsync(EpisodeId id, TomEntry entry, CancellationToken ct)
    {
        if (await FindAsync(id, SchoolAction.RecordTom, ct) is not { } h)
        {
            return NoEpisode;
        }

        var today = Today;
        var ratedOn = entry.RatedOn ?? today;
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var reached = EpisodeCycles.PositionNow(calendar, h.Episode.StartDate, today)?.Cycle ?? 1;
        var then = EpisodeCycles.PositionNow(calendar, h.Episode.StartDate, ratedOn);
        var cycle = entry.Cycle ?? then?.Cycle ?? 1;
        TomPoint point;
        if (entry.Point is { } given)
        {
            point = given;
        }
        else if (then is not null && TomWords.DueIn(then.Week) is { } due)
        {
            point = due;
        }
        else
        {
            return new Error.Validation("Point", "Choose whether this is the baseline, interim or final rating");
        }

        var already = await db.TomRatings.AnyAsync(t => t.EpisodeId == id && t.Cycle == cycle && t.Point == point, ct);
        var made = TomRating.Record(h.Episode, point, cycle, reached, ratedOn, entry.Scale, entry.Scores, me.UserId, me.DisplayName, today, already);
        if (!made.IsSuccess)
        {
            return made.Error!;
        }

        db.TomRatings.Add(made.Value);
        audit.Record(OutcomeAuditActions.TomRated, "Episode", id.ToString(), detail: $"cycle {cycle} {TomWords.Point(point)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.IsConflict(ex))
        {
            return new Error.Conflict($"The {TomWords.Point(point)} TOM rating of cycle {cycle} is already recorded for this episode.");
        }

        return made.Value;
    }

    public async Task<Result<SdqScore>> RecordSdqAsync(EpisodeId id, SdqEntry entry, CancellationToken ct)
    {
        if (await FindAsync(id, SchoolAction.RecordSdq, ct) is not { } h)
        {
            return NoEpisode;
        }

        if (entry.Informant is not { } informant)
        {
            return new Error.Validation("Informant", "Choose who completed the questionnaire: a parent, a teacher or the pupil");
        }

        var made = SdqScore.Record(h.Episode, informant, entry.CompletedOn ?? Today, entry.Scores, me.UserId, Today);
        if (!made.IsSuccess)
        {
            return made.Error!;
        }

        db.SdqScores.Add(made.Value);
        audit.Record(OutcomeAuditActions.SdqRecorded, "Episode", id.ToString(), detail: SdqBands.Informant(informant));
        await db.SaveChangesAsync(ct);
        return made.Value;
    }

    private async Task<List<TomRating>> TomOfAsync(EpisodeId id, CancellationToken ct) =>
        (await db.TomRatings.AsNoTracking().Where(t => t.EpisodeId == id).ToListAsync(ct)).OrderBy(t => t.Cycle).ThenBy(t => t.Point).ThenBy(t => t.RatedOn).ToList();

    private async Task<List<SdqScore>> SdqOfAsync(EpisodeId id, CancellationToken ct) =>
        (await db.SdqScores.AsNoTracking().Where(t => t.EpisodeId == id).ToListAsync(ct)).OrderBy(t => t.CompletedOn).ThenBy(t => t.Informant).ToList();
}
