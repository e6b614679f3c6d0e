using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Outcomes;

/// <summary>
/// A pupil's assessments profile as one reader may see it: every item for the therapy team (the pupil's
/// practitioner, the Head of Therapy), otherwise only the items marked for the reader's audience.
/// </summary>
internal sealed record AssessmentProfile(PupilId PupilId, string Pupil, ProfileAudience? Reader, Episode? WritableEpisode, IReadOnlyList<AssessmentItem> Items, DateOnly Today)
{
    /// <summary>The therapy team: sees every item and whom it is shared with, writes and changes items.</summary>
    public bool IsTherapyTeam => Reader is null;

    /// <summary>The items grouped by assessment (name, date, by whom), newest assessment first.</summary>
    public IReadOnlyList<IGrouping<(string Assessment, DateOnly On, string By), AssessmentItem>> ByAssessment =>
        Items.GroupBy(i => (i.Assessment, i.AssessedOn, i.AssessedBy)).OrderByDescending(g => g.Key.AssessedOn).ThenBy(g => g.Key.Assessment, StringComparer.CurrentCulture).ToList();
}

internal static class AssessmentAuditActions
{
    public const string Written = "outcomes.assessment-item-written";
    public const string Changed = "outcomes.assessment-item-changed";
    public const string Removed = "outcomes.assessment-item-removed";
}

/// <summary>
/// Assessments profiles (issue 12, Westbourne): strengths and targets from assessments, each marked with whom
/// it may be shared with and shown to each reader only as marked. The pupil's practitioner (the Head of
/// Therapy any pupil) writes, marks and prints the profile for other professionals; the pupil's teachers and
/// the SENDCo read the items marked for staff; a parent the items marked for parents, for their own child
/// (unrestricted links); the pupil the items marked for them. Anyone else, and any other school: not found.
/// Every read is audited with the relationship that explains it; every change is audited.
/// </summary>
internal sealed class AssessmentProfiles(SecureBaseDb db, CurrentUser me, ConfidentialReads reads, AuditLog audit, Schools.SchoolClock schoolClock)
{
    private static readonly Error.NotFound NoPupil = new("That pupil was not found among the pupils you work with.");

    public DateOnly Today => schoolClock.Today;

    /// <summary>The profile for the staff page and API: the therapy team every item, teachers and the SENDCo the items marked for staff.</summary>
    public async Task<AssessmentProfile?> ForStaffAsync(PupilId pupilId, string channel, CancellationToken ct)
    {
        var team = await IsTherapyTeamAsync(pupilId, ct);
        if (!team && !await ReachesAsync(SchoolAction.ViewAssessmentProfile, pupilId, ct))
        {
            return null;
        }

        var reader = team ? (ProfileAudience?)null : ProfileAudience.Staff;
        var relationship = team ? "the pupil's therapy team" : me.ScopeFor(SchoolAction.ViewAssessmentProfile).HasFlag(Scope.TaughtBySelf) ? "teaches the pupil" : "member of staff: items shared with staff";
        return await LoadAsync(pupilId, reader, team, relationship, channel, ct);
    }

    /// <summary>The profile a practitioner prints for other professionals: the items marked for them.</summary>
    public async Task<AssessmentProfile?> ForProfessionalsAsync(PupilId pupilId, CancellationToken ct) =>
        await IsTherapyTeamAsync(pupilId, ct)
            ? await LoadAsync(pupilId, ProfileAudience.OtherProfessionals, false, "the pupil's therapy team, printing the profile for other professionals", "web", ct)
            : null;

    /// <summary>For a parent: each of their children (unrestricted links) with the items marked for parents.</summary>
    public async Task<IReadOnlyList<AssessmentProfile>> ForMyChildrenAsync(string channel, CancellationToken ct)
    {
        if (!me.ScopeFor(SchoolAction.ViewChildAssessments).HasFlag(Scope.OwnChild) || me.CarerId is not { } carer)
        {
            return [];
        }

        var children = await db.CarerLinks.AsNoTracking().Where(l => l.CarerId == carer && !l.IsRestricted).Select(l => l.PupilId).Distinct().ToListAsync(ct);
        var profiles = new List<AssessmentProfile>();
        foreach (var child in children)
        {
            if (await LoadAsync(child, ProfileAudience.Parents, false, "parent or carer of the pupil", channel, ct) is { } p)
            {
                profiles.Add(p);
            }
        }

        return profiles.OrderBy(p => p.Pupil, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>For a pupil: their own profile, the items marked for them.</summary>
    public async Task<AssessmentProfile?> ForMyselfAsync(string channel, CancellationToken ct) =>
        me.ScopeFor(SchoolAction.ViewOwnAssessments).HasFlag(Scope.Self) && me.PupilId is { } self
            ? await LoadAsync(self, ProfileAudience.Pupil, false, "the pupil themself", channel, ct)
            : null;

    public async Task<Result<AssessmentItem>> WriteAsync(PupilId pupilId, AssessmentItemEntry entry, CancellationToken ct)
    {
        if (!await IsTherapyTeamAsync(pupilId, ct))
        {
            return NoPupil;
        }

        if (await WritableEpisodeAsync(pupilId, ct) is not { } episode)
        {
            return new Error.Conflict("This pupil is not in therapy with you now: the assessments profile is written during an episode of therapy.");
        }

        var today = Today;
        var made = AssessmentItem.Write(episode, entry, me.UserId, today);
        if (!made.IsSuccess)
        {
            return made.Error!;
        }

        db.AssessmentItems.Add(made.Value);
        audit.Record(AssessmentAuditActions.Written, "Pupil", pupilId.ToString(), detail: $"{ProfileWords.Of(made.Value.Kind).ToLowerInvariant()}, {ProfileWords.List(made.Value.Audience)}");
        await db.SaveChangesAsync(ct);
        return made.Value;
    }

    public async Task<Result<AssessmentItem>> ChangeAsync(PupilId pupilId, AssessmentItemId id, AssessmentItemEntry entry, CancellationToken ct)
    {
        if (!await IsTherapyTeamAsync(pupilId, ct) || await db.AssessmentItems.SingleOrDefaultAsync(i => i.Id == id && i.PupilId == pupilId, ct) is not { } item)
        {
            return new Error.NotFound("That strength or target was not found on this pupil's profile.");
        }

        var episode = await db.Episodes.SingleAsync(e => e.Id == item.EpisodeId, ct);
        var before = ProfileWords.List(item.Audience);
        var done = item.Change(episode, entry, Today);
        if (!done.IsSuccess)
        {
            return done.Error!;
        }

        audit.Record(AssessmentAuditActions.Changed, "Pupil", pupilId.ToString(), detail: $"item {item.Id}: was {before}, now {ProfileWords.List(item.Audience)}");
        await db.SaveChangesAsync(ct);
        return item;
    }

    public async Task<Outcome> RemoveAsync(PupilId pupilId, AssessmentItemId id, CancellationToken ct)
    {
        if (!await IsTherapyTeamAsync(pupilId, ct) || await db.AssessmentItems.SingleOrDefaultAsync(i => i.Id == id && i.PupilId == pupilId, ct) is not { } item)
        {
            return new Error.NotFound("That strength or target was not found on this pupil's profile.");
        }

        if (!await db.Episodes.AnyAsync(e => e.Id == item.EpisodeId && e.Status == EpisodeStatus.Open, ct))
        {
            return new Error.Conflict("The episode of therapy this was written in has ended: it stays on the profile.");
        }

        db.AssessmentItems.Remove(item);
        audit.Record(AssessmentAuditActions.Removed, "Pupil", pupilId.ToString(), detail: $"item {item.Id}: {ProfileWords.Of(item.Kind).ToLowerInvariant()} from {item.Assessment}");
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    private async Task<AssessmentProfile?> LoadAsync(PupilId pupilId, ProfileAudience? reader, bool team, string relationship, string channel, CancellationToken ct)
    {
        var pupil = await db.Pupils.AsNoTracking().Where(p => p.Id == pupilId).SingleOrDefaultAsync(ct);
        if (pupil is null)
        {
            return null;
        }

        var opened = await reads.OpenAsync("Pupil", pupilId.ToString(), "assessments profile", relationship, null, null, channel, ct);
        if (!opened.IsSuccess)
        {
            return null;
        }

        var items = await db.AssessmentItems.AsNoTracking().Where(i => i.PupilId == pupilId).ToListAsync(ct);
        var shown = items.Where(i => reader is not { } r || i.IsFor(r))
            .OrderBy(i => i.Kind).ThenBy(i => i.WrittenOn).ThenBy(i => i.Id.Value).ToList();
        return new AssessmentProfile(pupilId, pupil.DisplayName, reader, team ? await WritableEpisodeAsync(pupilId, ct) : null, shown, Today);
    }

    /// <summary>The pupil's practitioner (an open episode they hold) or the Head of Therapy.</summary>
    private async Task<bool> IsTherapyTeamAsync(PupilId pupilId, CancellationToken ct) =>
        await ReachesAsync(SchoolAction.ManageAssessmentProfile, pupilId, ct);

    /// <summary>Whether the action's scope reaches the pupil: the school, the user's own caseload, or the pupils they teach (their tutor group).</summary>
    private async Task<bool> ReachesAsync(SchoolAction action, PupilId pupilId, CancellationToken ct)
    {
        var scope = me.ScopeFor(action);
        if (scope.HasFlag(Scope.School))
        {
            return await db.Pupils.AnyAsync(p => p.Id == pupilId, ct);
        }

        if (me.StaffId is not { } staff)
        {
            return false;
        }

        if (scope.HasFlag(Scope.OwnCaseload) && await db.Episodes.AnyAsync(e => e.PupilId == pupilId && e.StaffId == staff && e.Status == EpisodeStatus.Open, ct))
        {
            return true;
        }

        if (scope.HasFlag(Scope.TaughtBySelf))
        {
            var group = (await db.StaffMembers.Where(s => s.Id == staff).Select(s => s.TutorGroup).SingleOrDefaultAsync(ct))?.ToLower();
            return group is not null && await db.Pupils.AnyAsync(p => p.Id == pupilId && p.LeftOn == null && p.TutorGroup != null && p.TutorGroup.ToLower() == group, ct);
        }

        return false;
    }

    /// <summary>The open episode a new item is written in: the user's own (a practitioner), or the pupil's latest (the Head of Therapy).</summary>
    private async Task<Episode?> WritableEpisodeAsync(PupilId pupilId, CancellationToken ct)
    {
        var open = db.Episodes.Where(e => e.PupilId == pupilId && e.Status == EpisodeStatus.Open);
        if (!me.ScopeFor(SchoolAction.ManageAssessmentProfile).HasFlag(Scope.School))
        {
            var staffId = me.StaffId ?? default;
            open = open.Where(e => e.StaffId == staffId);
        }

        return (await open.ToListAsync(ct)).OrderByDescending(e => e.StartDate).FirstOrDefault();
    }
}
