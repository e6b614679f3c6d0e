using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Development;

internal sealed record LoneWorkingView(LoneWorkingVersion? Current, bool MustAcknowledge, DateTime? AcknowledgedAt, IReadOnlyList<string> NotYet, int Practitioners);

/// <summary>The lone-worker risk assessment: publishing versions, acknowledgements, and who has not acknowledged the current one.</summary>
internal sealed class LoneWorkingDesk(SecureBaseDb db, CurrentUser me, TimeProvider clock, Schools.SchoolClock schoolClock, AuditLog audit)
{
    public Task<LoneWorkingVersion?> CurrentAsync(CancellationToken ct) =>
        db.LoneWorkingVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);

    /// <summary>Practitioners of the school today, who must acknowledge the current version.</summary>
    private async Task<List<(Common.StaffId Id, string Name)>> PractitionersAsync(CancellationToken ct)
    {
        var today = schoolClock.Today;
        return (await db.StaffMembers.AsNoTracking().Where(s => s.Discipline != null && (s.LeftOn == null || s.LeftOn > today)).ToListAsync(ct))
            .OrderBy(s => s.LastName, StringComparer.CurrentCulture).Select(s => (s.Id, s.FullName)).ToList();
    }

    public async Task<LoneWorkingView> ViewAsync(bool everyone, CancellationToken ct)
    {
        var current = await CurrentAsync(ct);
        if (current is null)
        {
            return new LoneWorkingView(null, false, null, [], 0);
        }

        var acknowledged = await db.LoneWorkingAcknowledgements.AsNoTracking().Where(a => a.VersionId == current.Id).ToDictionaryAsync(a => a.StaffId, a => a.AcknowledgedAt, ct);
        var practitioners = await PractitionersAsync(ct);
        DateTime? mine = me.StaffId is { } staff && acknowledged.TryGetValue(staff, out var at) ? at : null;
        var mustAcknowledge = me.StaffId is { } s && practitioners.Any(p => p.Id == s) && mine is null;
        var notYet = everyone ? practitioners.Where(p => !acknowledged.ContainsKey(p.Id)).Select(p => p.Name).ToList() : [];
        return new LoneWorkingView(current, mustAcknowledge, mine, notYet, practitioners.Count);
    }

    /// <summary>The published versions of the risk assessment: none, nothing to acknowledge.</summary>
    public IQueryable<LoneWorkingVersion> Published() => db.LoneWorkingVersions.AsNoTracking();

    /// <summary>
    /// For the home page: the current version when <paramref name="staff"/> is one of the school's practitioners today
    /// and has not acknowledged it, else null. The same answer as <see cref="ViewAsync"/>'s MustAcknowledge, in one
    /// query (the version, the acknowledgement and whether they practise), not three.
    /// </summary>
    public async Task<(int Version, DateOnly PublishedOn)?> MustAcknowledgeAsync(Common.StaffId staff, CancellationToken ct)
    {
        var today = schoolClock.Today;
        var current = await db.LoneWorkingVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new
            {
                v.Version,
                v.PublishedOn,
                Acknowledged = db.LoneWorkingAcknowledgements.Any(a => a.VersionId == v.Id && a.StaffId == staff),
                Practises = db.StaffMembers.Any(s => s.Id == staff && s.Discipline != null && (s.LeftOn == null || s.LeftOn > today)),
            })
            .FirstOrDefaultAsync(ct);
        return current is { Acknowledged: false, Practises: true } ? (current.Version, current.PublishedOn) : null;
    }

    public async Task<Result<LoneWorkingVersion>> PublishAsync(string? text, CancellationToken ct)
    {
        var previous = await db.LoneWorkingVersions.AsNoTracking().MaxAsync(v => (int?)v.Version, ct) ?? 0;
        var published = LoneWorkingVersion.Publish(db.CurrentSchoolId, previous, text, schoolClock.Today, me.UserId, clock.GetUtcNow().UtcDateTime);
        if (published.IsSuccess)
        {
            db.LoneWorkingVersions.Add(published.Value);
            audit.Record("lone-working.published", "LoneWorkingVersion", published.Value.Id.ToString(), detail: $"version {published.Value.Version}");
            await db.SaveChangesAsync(ct);
        }

        return published;
    }

    /// <summary>The user acknowledges the current version (again acknowledging it changes nothing).</summary>
    public async Task<Outcome> AcknowledgeAsync(CancellationToken ct)
    {
        if (me.StaffId is not { } staff)
        {
            return new Error.Conflict("Your account is not linked to the school's staff list: ask the office to link it.");
        }

        var current = await CurrentAsync(ct);
        if (current is null)
        {
            return new Error.Conflict("The school has not published a lone-worker risk assessment yet.");
        }

        if (!await db.LoneWorkingAcknowledgements.AnyAsync(a => a.VersionId == current.Id && a.StaffId == staff, ct))
        {
            db.LoneWorkingAcknowledgements.Add(LoneWorkingAcknowledgement.Of(db.CurrentSchoolId, current.Id, staff, clock.GetUtcNow().UtcDateTime));
            audit.Record("lone-working.acknowledged", "LoneWorkingVersion", current.Id.ToString(), detail: $"version {current.Version}");
            await db.SaveChangesAsync(ct);
        }

        return Outcome.Ok;
    }
}

/// <summary>A practitioner's "Due now" until they acknowledge the current lone-worker risk assessment.</summary>
internal sealed class LoneWorkingHomeTasks(LoneWorkingDesk desk, CurrentUser me) : IHomeTasks
{
    public async Task<IReadOnlyList<HomeTask>> ForCurrentUserAsync(DateOnly today, CancellationToken ct)
    {
        if (!me.Can(SchoolAction.AcknowledgeLoneWorking) || me.StaffId is not { } staff)
        {
            return [];
        }

        return await desk.MustAcknowledgeAsync(staff, ct) is { } current
            ? [new HomeTask($"Read and acknowledge the lone-worker risk assessment (version {current.Version})", $"Published {current.PublishedOn:d MMM yyyy}", "/lone-working", null)]
            : [];
    }

    public IQueryable<object>? Pending(DateOnly today) =>
        me.Can(SchoolAction.AcknowledgeLoneWorking) && me.StaffId is not null ? desk.Published() : null;
}
