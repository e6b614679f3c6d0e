using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Notifications;

namespace SecureBase.Identity.Admin;

/// <summary>A role waiting for approval, as an approver sees it.</summary>
public sealed record RoleRequestRow(RoleRequestId Id, string Person, string UserName, Role Role, string RequestedBy, DateTime RequestedAt, string? WhyNotMine);

/// <summary>
/// Approving and refusing the roles an administrator asked for (<see cref="RoleRequest"/>):
/// the Head of Therapy for clinical roles, the DSL for the DSL role, the headteacher for the rest
/// and when nobody else can. Both the request and the decision are audited.
/// </summary>
public sealed class RoleApprovals(SecureBaseDb db, CurrentUser me, AuditLog audit, Notifier notifier, TimeProvider clock)
{
    public const string Page = "/admin/role-requests";

    public async Task<IReadOnlyList<RoleRequestRow>> PendingAsync(CancellationToken ct = default)
    {
        var requests = await db.RoleRequests.AsNoTracking().Where(r => r.Status == RoleRequestStatus.Pending)
            .OrderBy(r => r.RequestedAt).ToListAsync(ct);
        var ids = requests.SelectMany(r => new[] { r.UserId, r.RequestedBy }).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.UserName }).ToDictionaryAsync(u => u.Id, ct);
        var decider = await DeciderAsync(ct);
        return requests.Select(r => new RoleRequestRow(
                r.Id,
                people.TryGetValue(r.UserId, out var p) ? p.DisplayName : "(unknown)",
                people.TryGetValue(r.UserId, out var u) ? u.UserName ?? "" : "",
                r.Role,
                people.TryGetValue(r.RequestedBy, out var by) ? by.DisplayName : "(unknown)",
                r.RequestedAt,
                r.WhyNot(decider)?.Message))
            .ToList();
    }

    public Task<Outcome> ApproveAsync(RoleRequestId id, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var request = await db.RoleRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
            if (request is null)
            {
                return (Outcome)new Error.NotFound("That request was not found.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var granted = request.Approve(await DeciderAsync(ct), now);
            if (!granted.IsSuccess)
            {
                return granted.Error!;
            }

            if (!await db.Memberships.AnyAsync(m => m.UserId == request.UserId && m.Role == request.Role, ct))
            {
                db.Memberships.Add(granted.Value);
            }

            audit.Record(AuditActions.RoleApproved, "User", request.UserId.ToString(), detail: request.Role.ToString());
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);

    public Task<Outcome> RefuseAsync(RoleRequestId id, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var request = await db.RoleRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
            if (request is null)
            {
                return (Outcome)new Error.NotFound("That request was not found.");
            }

            var refused = request.Refuse(await DeciderAsync(ct), clock.GetUtcNow().UtcDateTime);
            if (!refused.IsSuccess)
            {
                return refused;
            }

            audit.Record(AuditActions.RoleRefused, "User", request.UserId.ToString(), detail: request.Role.ToString());
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);

    /// <summary>Tells the people who can approve a new request (saved with the caller's SaveChanges).</summary>
    internal async Task TellApproversAsync(RoleRequest request, string personName, DateTime now, CancellationToken ct)
    {
        var schoolRoles = await SchoolRolesAsync(ct);
        if (request.DecidedByRole(schoolRoles) is not { } approver)
        {
            return;
        }

        var recipients = schoolRoles.Where(h => h.Role == approver && h.UserId != request.UserId && h.UserId != request.RequestedBy)
            .Select(h => h.UserId).Distinct().ToList();
        var role = RoleInfo.Of(request.Role).Name;
        await notifier.QueueAsync(recipients,
        [
            new NotificationMessage(
                "A role is waiting for your approval",
                $"{me.DisplayName} asked for {personName} to be given the role {role}. It gives no access until you approve it.",
                Page,
                $"role-request:{request.Id}",
                SchoolAction.ApproveRoles),
        ], now, ct);
    }

    private async Task<RoleDecider> DeciderAsync(CancellationToken ct) =>
        new(me.UserId, me.ActiveRoles.ToHashSet(), await SchoolRolesAsync(ct));

    // Who holds which role in this school, leaving out disabled accounts: they cannot approve anything.
    private async Task<IReadOnlyCollection<(Guid UserId, Role Role)>> SchoolRolesAsync(CancellationToken ct) =>
        (await db.Memberships.AsNoTracking()
            .Where(m => db.Users.Any(u => u.Id == m.UserId && !u.IsDisabled))
            .Select(m => new { m.UserId, m.Role }).ToListAsync(ct))
        .Select(m => (m.UserId, m.Role)).ToList();
}
