using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Development;

internal sealed record CpdView(CpdRecordId Id, StaffId StaffId, string Who, string Title, DateOnly TookOn, decimal Hours, string? Provider, string? Reflection, string? EvidenceName);

internal sealed record TrainingView(StaffTrainingId Id, string Title, DateOnly DeliveredOn, decimal Hours, string DeliveredBy, IReadOnlyList<string> Attended, IReadOnlyList<string> Missed);

internal sealed record TrainingInput(string? Title, DateOnly? DeliveredOn, decimal? Hours, StaffId? DeliveredBy, IReadOnlyList<StaffId>? Invited, IReadOnlyList<StaffId>? Attended);

/// <summary>CPD records (one's own; the Head of Therapy everyone's) and the training the therapy team delivers to school staff.</summary>
internal sealed class CpdDesk(SecureBaseDb db, CurrentUser me, TimeProvider clock, Schools.SchoolClock schoolClock, AuditLog audit)
{
    public DateOnly Today => schoolClock.Today;

    public bool SeesEveryone => me.ScopeFor(SchoolAction.ViewCpd).HasFlag(Scope.School);

    private IQueryable<CpdRecord> Visible()
    {
        var mine = me.StaffId;
        return SeesEveryone ? db.CpdRecords : db.CpdRecords.Where(r => r.StaffId == mine);
    }

    /// <summary>CPD records on a page, and the page of how many; newest first.</summary>
    public async Task<Paged<CpdView>> RecordsAsync(int page, CancellationToken ct) =>
        await RecordsAsync(Paging.Of(page, await Visible().CountAsync(ct), PageSize), ct);

    /// <summary>Records per page of the CPD page: a year of a large team's CPD on the first.</summary>
    public const int PageSize = 50;

    /// <summary>One page of CPD records, newest first (the same date in the order they were recorded).</summary>
    public async Task<Paged<CpdView>> RecordsAsync(Paging paging, CancellationToken ct)
    {
        var list = await Visible().AsNoTracking().OrderByDescending(r => r.TookOn).ThenByDescending(r => r.Id).Skip(paging.Skip).Take(paging.Size)
            .Select(r => new { r.Id, r.StaffId, r.Title, r.TookOn, r.Hours, r.Provider, r.Reflection, r.EvidenceName }).ToListAsync(ct);
        var ids = list.Select(r => r.StaffId).Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName, ct);
        return new(list.Select(r => new CpdView(r.Id, r.StaffId, names.GetValueOrDefault(r.StaffId, "?"), r.Title, r.TookOn, r.Hours, r.Provider, r.Reflection, r.EvidenceName)).ToList(), paging);
    }

    /// <summary>Adds a CPD record for the user themself.</summary>
    public async Task<Result<CpdRecord>> AddAsync(CpdInput input, CpdEvidence? evidence, CancellationToken ct)
    {
        if (me.StaffId is not { } staff)
        {
            return new Error.Conflict("Your account is not linked to the school's staff list, so CPD cannot be recorded for you: ask the office to link it.");
        }

        var added = CpdRecord.Add(db.CurrentSchoolId, staff, input, evidence, Today, clock.GetUtcNow().UtcDateTime);
        if (added.IsSuccess)
        {
            db.CpdRecords.Add(added.Value);
            audit.Record("cpd.recorded", "CpdRecord", added.Value.Id.ToString());
            await db.SaveChangesAsync(ct);
        }

        return added;
    }

    /// <summary>A record's evidence file, for its owner and the Head of Therapy; anyone else finds nothing.</summary>
    public async Task<(string Name, string Type, byte[] Content)?> EvidenceAsync(CpdRecordId id, CancellationToken ct)
    {
        var r = await Visible().AsNoTracking().Where(x => x.Id == id && x.Evidence != null)
            .Select(x => new { x.EvidenceName, x.EvidenceType, x.Evidence }).SingleOrDefaultAsync(ct);
        return r is null ? null : (r.EvidenceName!, r.EvidenceType!, r.Evidence!);
    }

    /// <summary>Training sessions on a page, and the page of how many; newest first.</summary>
    public async Task<Paged<TrainingView>> TrainingAsync(int page, CancellationToken ct) =>
        await TrainingAsync(Paging.Of(page, await db.StaffTrainings.CountAsync(ct), PageSize), ct);

    /// <summary>One page of the training delivered to staff, newest first.</summary>
    public async Task<Paged<TrainingView>> TrainingAsync(Paging paging, CancellationToken ct)
    {
        var list = await db.StaffTrainings.AsNoTracking().OrderByDescending(t => t.DeliveredOn).ThenByDescending(t => t.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        var ids = list.SelectMany(t => t.Attendees.Select(a => a.StaffId).Append(t.DeliveredBy)).Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName, ct);
        string Name(StaffId s) => names.GetValueOrDefault(s, "?");
        return new(list.Select(t => new TrainingView(t.Id, t.Title, t.DeliveredOn, t.Hours, Name(t.DeliveredBy),
            t.Attendees.Where(a => a.Attended).Select(a => Name(a.StaffId)).Order(StringComparer.CurrentCulture).ToList(),
            t.Attendees.Where(a => !a.Attended).Select(a => Name(a.StaffId)).Order(StringComparer.CurrentCulture).ToList())).ToList(), paging);
    }

    public async Task<Result<StaffTraining>> RecordTrainingAsync(TrainingInput input, CancellationToken ct)
    {
        var invitedIds = (input.Invited ?? []).Concat(input.Attended ?? []).Distinct().ToList();
        var invited = await db.StaffMembers.AsNoTracking().Where(s => invitedIds.Contains(s.Id)).ToListAsync(ct);
        if (invited.Count != invitedIds.Count)
        {
            return new Error.Validation("Invited", "One of the staff chosen is not on the school's staff list");
        }

        var by = input.DeliveredBy is { } b ? await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == b, ct) : null;
        var made = StaffTraining.Record(db.CurrentSchoolId, input.Title, input.DeliveredOn, input.Hours, by, invited, (input.Attended ?? []).ToHashSet(),
            Today, clock.GetUtcNow().UtcDateTime);
        if (made.IsSuccess)
        {
            db.StaffTrainings.Add(made.Value);
            audit.Record("cpd.training-recorded", "StaffTraining", made.Value.Id.ToString());
            await db.SaveChangesAsync(ct);
        }

        return made;
    }
}
