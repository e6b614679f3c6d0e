using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;

namespace SecureBase.Sessions;

public static class EngagementAuditActions
{
    public const string StrategyRecorded = "engagement.strategy";
    public const string ParentsChoice = "engagement.parents";
    public const string SettingsChanged = "engagement.settings";
}

/// <summary>A strategy tried to engage the pupil, as typed into the form or sent to the API.</summary>
public sealed class StrategyInput
{
    [Display(Name = "Date tried")]
    [Needed]
    public DateOnly? TriedOn { get; set; }

    [Display(Name = "What was tried")]
    [Needed]
    [SchoolText(Episode.StrategyMaxLength, MultiLine = true)]
    public string? What { get; set; }
}

/// <summary>The school's thresholds as typed into the form or sent to the API.</summary>
public sealed class EngagementSettingsInput
{
    [Display(Name = "Warn after (weeks)")]
    [Needed]
    public int? WarnAfterWeeks { get; set; }

    [Display(Name = "Release the slot after (weeks)")]
    [Needed]
    public int? ReleaseAfterWeeks { get; set; }
}

/// <summary>An episode's engagement as its practitioner and the Head of Therapy see it.</summary>
public sealed record EngagementView(EpisodeId EpisodeId, PupilId PupilId, string Pupil, string Discipline, bool IsOpen, DateOnly? EndDate, string? DischargeReason,
    int RefusedWeeks, DateOnly? RefusalRunFrom, int WarnAfterWeeks, int ReleaseAfterWeeks, bool DoNotTellParents, IReadOnlyList<StrategyView> Strategies);

public sealed record StrategyView(DateOnly TriedOn, string What, string By);

/// <summary>
/// The disengagement rule's pages and API: an episode's run of refusals and the strategies tried
/// (the pupil's own practitioner, the Head of Therapy any), and the school's thresholds (Head of Therapy).
/// </summary>
public sealed class EngagementPages(SecureBaseDb db, CurrentUser me, AuditLog audit, TimeProvider clock, Schools.SchoolClock schoolClock)
{
    public async Task<EngagementView?> ViewAsync(EpisodeId episodeId, CancellationToken ct = default)
    {
        if (await FindAsync(episodeId, asNoTracking: true, ct) is not { } e)
        {
            return null;
        }

        var settings = await DisengagementRule.SettingsAsync(db, ct);
        return new EngagementView(e.Id, e.PupilId, await db.Pupils.NameOfAsync(e.PupilId, ct), Staff.Disciplines.Name(e.Discipline), e.IsOpen, e.EndDate,
            e.DischargeReason?.ToString(), e.RefusedWeeks, e.RefusalRunFrom, settings.WarnAfterWeeks, settings.ReleaseAfterWeeks, e.DoNotTellParents,
            e.EngagementStrategies.Select(s => new StrategyView(s.TriedOn, s.What, s.ByName)).ToList());
    }

    public async Task<Outcome> AddStrategyAsync(EpisodeId episodeId, StrategyInput input, CancellationToken ct = default)
    {
        if (await FindAsync(episodeId, asNoTracking: false, ct) is not { } episode)
        {
            return new Error.NotFound("That pupil is not on your caseload.");
        }

        if (input.TriedOn is not { } on)
        {
            return new Error.Validation("TriedOn", "Enter the date it was tried");
        }

        var added = episode.AddEngagementStrategy(on, input.What, me.UserId, me.DisplayName, schoolClock.Today, clock.GetUtcNow().UtcDateTime);
        if (!added.IsSuccess)
        {
            return added;
        }

        audit.Record(EngagementAuditActions.StrategyRecorded, "Episode", episode.Id.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<Outcome> SetDoNotTellParentsAsync(EpisodeId episodeId, bool doNotTell, CancellationToken ct = default)
    {
        if (await FindAsync(episodeId, asNoTracking: false, ct) is not { } episode)
        {
            return new Error.NotFound("That pupil is not on your caseload.");
        }

        episode.SetDoNotTellParents(doNotTell);
        audit.Record(EngagementAuditActions.ParentsChoice, "Episode", episode.Id.ToString(), detail: doNotTell ? "do not tell parents" : "parents may be told");
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public Task<EngagementSettings> SettingsAsync(CancellationToken ct = default) => DisengagementRule.SettingsAsync(db, ct);

    public async Task<Result<EngagementSettings>> ChangeSettingsAsync(EngagementSettingsInput input, CancellationToken ct = default)
    {
        var settings = await db.EngagementSettings.SingleOrDefaultAsync(ct);
        var isNew = settings is null;
        settings ??= EngagementSettings.DefaultsFor(db.CurrentSchoolId);
        var changed = settings.Change(input.WarnAfterWeeks, input.ReleaseAfterWeeks);
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        if (isNew)
        {
            db.EngagementSettings.Add(settings);
        }

        audit.Record(EngagementAuditActions.SettingsChanged, "EngagementSettings", db.CurrentSchoolId.ToString(), detail: $"warn {settings.WarnAfterWeeks}, release {settings.ReleaseAfterWeeks}");
        await db.SaveChangesAsync(ct);
        return settings;
    }

    /// <summary>The episode when the user may work with it: the Head of Therapy any, a practitioner their own.</summary>
    private async Task<Episode?> FindAsync(EpisodeId episodeId, bool asNoTracking, CancellationToken ct)
    {
        var query = asNoTracking ? db.Episodes.AsNoTracking() : db.Episodes;
        var episode = await query.SingleOrDefaultAsync(e => e.Id == episodeId, ct);
        var scope = me.ScopeFor(SchoolAction.RecordEngagementEfforts);
        return episode is not null && (scope.HasFlag(Scope.School) || (scope.HasFlag(Scope.OwnCaseload) && episode.StaffId == me.StaffId)) ? episode : null;
    }
}
