using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Schools;

namespace SecureBase.Safeguarding;

/// <summary>What the sending DSL chooses: the pupil, the receiving school, its DSL, and the day the pupil moved.</summary>
internal sealed record NewCpTransfer(PupilId? PupilId, SchoolId? ToSchoolId, Guid? ToDslUserId, DateOnly? MovedOn);

/// <summary>A DSL or deputy of another school of this installation, who may receive a child protection file.</summary>
internal sealed record ReceivingDsl(SchoolId SchoolId, string School, Guid UserId, string Name);

/// <summary>A line of the DSL's list of child protection files sent from or received by this school.</summary>
internal sealed record CpTransferRow(CpFileTransferId Id, string Pupil, bool Received, string OtherSchool, DateTime SentAt, string SentBy, string ToDsl,
    DateOnly MovedOn, DateOnly ConfirmBy, DateTime? ConfirmedAt, string? ConfirmedBy, bool Overdue);

/// <summary>A pupil's child protection records due for their retention review (date of birth + 25 years): never deleted automatically.</summary>
internal sealed record RetentionRow(PupilId PupilId, string Pupil, DateOnly ReviewOn, int Concerns);

/// <summary>
/// Child protection files sent between schools of this installation (KCSIE): the sending DSL sends a frozen copy
/// of the pupil's chronology to a named DSL of the receiving school, separately from the main record; the
/// receiving school's DSLs are told and one of them confirms receipt. Both ends keep the record and each step is
/// audited at both schools. A transfer belongs to two schools, so every read here names the school it is read for.
/// </summary>
internal sealed class CpTransferDesk(SecureBaseDb db, CurrentUser me, AuditLog audit, ConfidentialReads reads, IServiceScopeFactory scopes, TimeProvider clock, Schools.SchoolClock schoolClock)
{
    public const string RecordType = "ChildProtectionFileTransfer";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => schoolClock.Today;
    private ConcernAuthor Author => new(me.UserId, me.DisplayName.Length > 0 ? me.DisplayName : me.UserName);
    private bool IsDsl => me.ScopeFor(SchoolAction.ViewConcerns).HasFlag(Scope.School);
    private bool MayTransfer => me.ScopeFor(SchoolAction.TransferChildProtectionFile).HasFlag(Scope.School);

    /// <summary>The other schools of this installation, each with its DSLs and deputies (accounts not disabled).</summary>
    public async Task<IReadOnlyList<ReceivingDsl>> ReceiversAsync(CancellationToken ct)
    {
        var here = db.CurrentSchoolId;
        var rows = await (from m in db.Memberships.IgnoreQueryFilters([SecureBaseDb.SchoolFilter]).AsNoTracking()
                          join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                          join s in db.Schools.AsNoTracking() on m.SchoolId equals s.Id
                          where m.Role == Role.Dsl && m.SchoolId != here && !u.IsDisabled
                          select new { m.SchoolId, School = s.Name, u.Id, u.DisplayName, u.UserName }).ToListAsync(ct);
        return rows.Select(r => new ReceivingDsl(r.SchoolId, r.School, r.Id, r.DisplayName.Length > 0 ? r.DisplayName : r.UserName ?? ""))
            .DistinctBy(r => (r.SchoolId, r.UserId))
            .OrderBy(r => r.School, StringComparer.CurrentCulture).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>The other schools of this installation.</summary>
    public async Task<IReadOnlyList<(SchoolId Id, string Name)>> OtherSchoolsAsync(CancellationToken ct)
    {
        var here = db.CurrentSchoolId;
        return (await db.Schools.AsNoTracking().Where(s => s.Id != here).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .OrderBy(s => s.Name, StringComparer.CurrentCulture).Select(s => (s.Id, s.Name)).ToList();
    }

    /// <summary>
    /// Sends the pupil's child protection file. Refused, with nothing changed: a school that is not one of this
    /// installation's (or this school), a receiver who is not a DSL or deputy of that school, a file already on its
    /// way and not yet confirmed, a pupil with no child protection records.
    /// </summary>
    public async Task<Result<CpFileTransfer>> SendAsync(NewCpTransfer input, CancellationToken ct)
    {
        if (!MayTransfer)
        {
            return new Error.NotFound("There is no such pupil in this school.");
        }

        var pupil = input.PupilId is { } pid ? await db.Pupils.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid, ct) : null;
        if (pupil is null)
        {
            return new Error.Validation("PupilId", "Choose a pupil of this school");
        }

        var errors = new List<FieldError>();
        var here = db.CurrentSchoolId;
        School? to = null;
        if (input.ToSchoolId is not { } toId)
        {
            errors.Add(new FieldError("ToSchoolId", "Choose the school the pupil is moving to"));
        }
        else if (toId == here)
        {
            errors.Add(new FieldError("ToSchoolId", $"{pupil.DisplayName} is moving away from this school: choose the school they are moving to"));
        }
        else if ((to = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Id == toId, ct)) is null)
        {
            errors.Add(new FieldError("ToSchoolId",
                "That school is not one of the schools of this installation: a child protection file can only be sent here to a school that uses this SecureBase. Send it securely another way and record that as an action on the concern."));
        }

        ReceivingDsl? dsl = null;
        if (input.ToDslUserId is not { } dslId)
        {
            errors.Add(new FieldError("ToDslUserId", "Choose the DSL of the receiving school"));
        }
        else if (to is not null && (dsl = (await ReceiversAsync(ct)).SingleOrDefault(r => r.SchoolId == to.Id && r.UserId == dslId)) is null)
        {
            errors.Add(new FieldError("ToDslUserId", $"The person chosen is not a DSL or deputy DSL of {to.Name}: a child protection file goes only to the receiving school's DSL"));
        }

        if (input.MovedOn is not { } movedOn)
        {
            errors.Add(new FieldError("MovedOn", "Give the date the pupil moved (or moves) school"));
        }
        else if (movedOn > Today.AddDays(60) || movedOn < Today.AddYears(-1))
        {
            errors.Add(new FieldError("MovedOn", "The date the pupil moved should be within the last year (or the next 60 days)"));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var pending = await db.CpFileTransfers.AsNoTracking().Where(t => t.FromSchoolId == here && t.PupilId == pupil.Id && t.ConfirmedAt == null).FirstOrDefaultAsync(ct);
        if (pending is not null)
        {
            return new Error.Conflict($"{pupil.DisplayName}'s child protection file was already sent to {pending.ToSchoolName} on {schoolClock.ToLocal(pending.SentAt):d MMMM yyyy} "
                + "and its receipt has not been confirmed yet: it was not sent again. Ask the receiving DSL to confirm receipt.");
        }

        var file = await db.Concerns.AsNoTracking().Where(c => c.PupilId == pupil.Id).ToListAsync(ct);
        if (file.Count == 0)
        {
            return new Error.Validation("PupilId", $"There are no child protection records for {pupil.DisplayName}: there is nothing to send");
        }

        var lines = (await ConcernDesk.LinesAsync(db, file, ct)).Select(l => new CpFileLine(l.At, l.What, l.Text, l.By, l.Urgent)).ToList();
        var fromName = await db.Schools.AsNoTracking().Where(s => s.Id == here).Select(s => s.Name).SingleAsync(ct);
        var confirmBy = FifthSchoolDayAfter(await SchoolCalendar.LoadAsync(db, ct), input.MovedOn!.Value);
        var transfer = CpFileTransfer.Send(here, fromName, to!.Id, to.Name, pupil.Id, pupil.DisplayName, pupil.DateOfBirth, dsl!.UserId, dsl.Name, Author,
            input.MovedOn.Value, confirmBy, file.Count, lines, Now);
        db.CpFileTransfers.Add(transfer);
        audit.Record("safeguarding.cp-file-sent", RecordType, transfer.Id.ToString(),
            detail: $"child protection file of pupil {pupil.Id} ({file.Count} concerns) sent to {dsl.Name}, DSL of {to.Name}");
        await db.SaveChangesAsync(ct);

        await AtSchoolAsync(to.Id, async (otherDb, notifier, log) =>
        {
            var dsls = await notifier.UsersWithRoleAsync(Role.Dsl, ct);
            await notifier.QueueAsync(dsls,
            [
                new NotificationMessage($"Child protection file received: {transfer.PupilName}",
                    $"{transfer.SentByName} ({fromName}) sent the child protection file of {transfer.PupilName}, who moved on {transfer.MovedOn:d MMMM yyyy}. Open it and confirm receipt.",
                    $"/safeguarding/transfers/{transfer.Id}", $"cp-transfer:{transfer.Id}:sent", SchoolAction.ViewConcerns),
            ], Now, ct);
            log.Record(me.Actor with { SchoolId = to.Id }, "safeguarding.cp-file-arrived", RecordType, transfer.Id.ToString(),
                detail: $"child protection file of {transfer.PupilName} sent from {fromName} by {transfer.SentByName}, addressed to {transfer.ToDslName}");
        }, ct);
        return transfer;
    }

    /// <summary>Files sent from this school and received by it: received ones waiting for confirmation first, then the newest.</summary>
    public async Task<IReadOnlyList<CpTransferRow>> ListAsync(CancellationToken ct)
    {
        if (!IsDsl)
        {
            return [];
        }

        var here = db.CurrentSchoolId;
        var today = Today;
        var transfers = await db.CpFileTransfers.AsNoTracking().Where(t => t.FromSchoolId == here || t.ToSchoolId == here).ToListAsync(ct);
        return transfers
            .Select(t => new CpTransferRow(t.Id, t.PupilName, t.ToSchoolId == here, t.ToSchoolId == here ? t.FromSchoolName : t.ToSchoolName, t.SentAt, t.SentByName, t.ToDslName,
                t.MovedOn, t.ConfirmBy, t.ConfirmedAt, t.ConfirmedByName, t.FromSchoolId == here && t.IsOverdue(today)))
            .OrderByDescending(r => r.Received && r.ConfirmedAt is null).ThenByDescending(r => r.Overdue).ThenByDescending(r => r.SentAt).ToList();
    }

    /// <summary>How many files sent to this school still wait for a DSL here to confirm receipt.</summary>
    public async Task<int> AwaitingConfirmationAsync(CancellationToken ct)
    {
        if (!IsDsl)
        {
            return 0;
        }

        var here = db.CurrentSchoolId;
        return await db.CpFileTransfers.CountAsync(t => t.ToSchoolId == here && t.ConfirmedAt == null, ct);
    }

    /// <summary>A transfer as the sending or receiving school's DSL reads it (audited); anyone else: not found.</summary>
    public async Task<Result<CpFileTransfer>> OpenAsync(CpFileTransferId id, CancellationToken ct)
    {
        var here = db.CurrentSchoolId;
        var transfer = IsDsl ? await db.CpFileTransfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && (t.FromSchoolId == here || t.ToSchoolId == here), ct) : null;
        if (transfer is null)
        {
            return NotFound();
        }

        var opened = await reads.OpenAsync(RecordType, id.ToString(), "child protection file", transfer.ToSchoolId == here ? "the receiving school's DSL" : "the sending school's DSL", null, null, "web", ct);
        return opened.IsSuccess ? transfer : opened.Error!;
    }

    /// <summary>A DSL of the receiving school confirms receipt (audited at both schools; the sender is told). Anyone else is refused.</summary>
    public async Task<Result<CpFileTransfer>> ConfirmAsync(CpFileTransferId id, CancellationToken ct)
    {
        var here = db.CurrentSchoolId;
        var transfer = MayTransfer ? await db.CpFileTransfers.SingleOrDefaultAsync(t => t.Id == id && (t.FromSchoolId == here || t.ToSchoolId == here), ct) : null;
        if (transfer is null)
        {
            return NotFound();
        }

        if (transfer.ToSchoolId != here)
        {
            return new Error.Forbidden($"Only a DSL of {transfer.ToSchoolName}, the receiving school, can confirm receipt of this file; nothing was changed.");
        }

        var confirmed = transfer.Confirm(Author, Now, schoolClock.Time);
        if (!confirmed.IsSuccess)
        {
            return confirmed.Error!;
        }

        audit.Record("safeguarding.cp-file-receipt-confirmed", RecordType, id.ToString(), detail: $"child protection file of {transfer.PupilName} from {transfer.FromSchoolName}");
        await db.SaveChangesAsync(ct);

        await AtSchoolAsync(transfer.FromSchoolId, async (otherDb, notifier, log) =>
        {
            await notifier.QueueAsync([transfer.SentByUserId],
            [
                new NotificationMessage($"Receipt confirmed: child protection file of {transfer.PupilName}",
                    $"{transfer.ConfirmedByName} ({transfer.ToSchoolName}) confirmed receipt of the child protection file you sent.",
                    $"/safeguarding/transfers/{transfer.Id}", $"cp-transfer:{transfer.Id}:confirmed", SchoolAction.ViewConcerns),
            ], Now, ct);
            log.Record(me.Actor with { SchoolId = transfer.FromSchoolId }, "safeguarding.cp-file-receipt-confirmed", RecordType, transfer.Id.ToString(),
                detail: $"receipt confirmed by {transfer.ConfirmedByName} of {transfer.ToSchoolName}");
        }, ct);
        return transfer;
    }

    /// <summary>Pupils whose child protection records have reached their retention review date (date of birth + 25 years).</summary>
    public async Task<IReadOnlyList<RetentionRow>> DueForReviewAsync(CancellationToken ct)
    {
        if (!IsDsl)
        {
            return [];
        }

        var bornOnOrBefore = Today.AddYears(-Retention.YearsAfterBirth);
        var rows = await (from c in db.Concerns.AsNoTracking()
                          join p in db.Pupils.AsNoTracking() on c.PupilId equals p.Id
                          where p.DateOfBirth <= bornOnOrBefore
                          select new { p.Id, F = p.PreferredFirstName ?? p.LegalFirstName, L = p.PreferredLastName ?? p.LegalLastName, p.DateOfBirth }).ToListAsync(ct);
        return rows.GroupBy(r => r.Id).Select(g => new RetentionRow(g.Key, $"{g.First().F} {g.First().L}", Retention.ReviewDate(g.First().DateOfBirth), g.Count()))
            .OrderBy(r => r.ReviewOn).ToList();
    }

    /// <summary>Records at the other school of a transfer (its notifications and audit), in a unit of work of that school's own.</summary>
    private async Task AtSchoolAsync(SchoolId school, Func<SecureBaseDb, Notifier, AuditLog, Task> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var zone = await db.Schools.AsNoTracking().Where(s => s.Id == school).Select(s => s.TimeZoneId).SingleAsync(ct);
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school, zone);
        var otherDb = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        await work(otherDb, scope.ServiceProvider.GetRequiredService<Notifier>(), scope.ServiceProvider.GetRequiredService<AuditLog>());
        await otherDb.SaveChangesAsync(ct);
    }

    /// <summary>The fifth school day after the move, by the sending school's calendar (weekdays where no calendar is kept).</summary>
    internal static DateOnly FifthSchoolDayAfter(SchoolCalendar calendar, DateOnly movedOn)
    {
        var known = calendar.Known;
        var day = movedOn;
        var counted = 0;
        for (var i = 0; i < 120 && counted < CpFileTransfer.SchoolDaysToConfirm; i++)
        {
            day = day.AddDays(1);
            var schoolDay = known is { } k && day >= k.FirstDay && day <= k.LastDay
                ? calendar.IsSchoolDay(day)
                : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            if (schoolDay)
            {
                counted++;
            }
        }

        return day;
    }

    private static Error NotFound() => new Error.NotFound("There is no such child protection file transfer, or it is not yours to see.");
}
