using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Identity.Admin;

/// <summary>A user of this school as the administrator sees them.</summary>
public sealed record UserRow(Guid Id, string UserName, string DisplayName, IReadOnlyList<Role> Roles, IReadOnlyList<Role> AwaitingApproval, bool TwoFactor, bool Disabled, bool LockedOut, DateTime? LastSignInAt, string? StaffName);

/// <summary>
/// An administrator's work on accounts, with the rules that keep it safe: only accounts with a
/// role in this school; no password or two-factor reset of an account another school also uses;
/// no removing your own administrator role or disabling yourself; a role that reads confidential
/// data is only asked for (<see cref="RoleRequest"/>) and given when someone else approves it.
/// Every change is audited.
/// </summary>
public sealed class UserAdministration(SecureBaseDb db, UserManager<AppUser> users, SchoolSignInManager signIn, RoleApprovals approvals, CurrentUser me, AuditLog audit, TimeProvider clock)
{
    private static readonly string[] Words =
    [
        "amber", "beacon", "canal", "dune", "ember", "fern", "garnet", "hazel", "indigo", "kestrel",
        "lagoon", "mosaic", "nectar", "opal", "prairie", "ripple", "sorrel", "tundra", "umber", "wren",
    ];

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        var memberships = await db.Memberships.AsNoTracking().Select(m => new { m.UserId, m.Role }).ToListAsync(ct);
        var waiting = await db.RoleRequests.AsNoTracking().Where(r => r.Status == RoleRequestStatus.Pending).Select(r => new { r.UserId, r.Role }).ToListAsync(ct);
        var ids = memberships.Select(m => m.UserId).Concat(waiting.Select(w => w.UserId)).Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.TwoFactorEnabled, u.IsDisabled, u.LockoutEnd, u.LastSignInAt })
            .ToListAsync(ct);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.UserId != null)
            .Select(s => new { s.UserId, s.FirstName, s.LastName, s.JobTitle }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return accounts
            .Select(a => new UserRow(
                a.Id,
                a.UserName ?? "",
                a.DisplayName,
                memberships.Where(m => m.UserId == a.Id).Select(m => m.Role).Order().ToList(),
                waiting.Where(w => w.UserId == a.Id).Select(w => w.Role).Order().ToList(),
                a.TwoFactorEnabled,
                a.IsDisabled,
                a.LockoutEnd > now,
                a.LastSignInAt,
                staff.Where(s => s.UserId == a.Id).Select(s => $"{s.FirstName} {s.LastName}{(s.JobTitle is null ? "" : $", {s.JobTitle}")}").FirstOrDefault()))
            .OrderBy(r => r.DisplayName, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The account, when it has a role in this school; otherwise it does not exist as far as this school knows.</summary>
    /// <remarks>An account whose only roles here are waiting for approval belongs to the school too.</remarks>
    public async Task<AppUser?> FindAsync(Guid userId, CancellationToken ct = default) =>
        await db.Memberships.AnyAsync(m => m.UserId == userId, ct)
        || await db.RoleRequests.AnyAsync(r => r.UserId == userId && r.Status == RoleRequestStatus.Pending, ct)
            ? await users.FindByIdAsync(userId.ToString())
            : null;

    public async Task<IReadOnlyList<Role>> RolesAsync(Guid userId, CancellationToken ct = default) =>
        await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.Role).ToListAsync(ct);

    /// <summary>Roles asked for this account that wait for approval.</summary>
    public async Task<IReadOnlyList<Role>> AwaitingApprovalAsync(Guid userId, CancellationToken ct = default) =>
        await db.RoleRequests.AsNoTracking().Where(r => r.UserId == userId && r.Status == RoleRequestStatus.Pending).Select(r => r.Role).ToListAsync(ct);

    public async Task<IReadOnlyList<(StaffId Id, string Name)>> UnlinkedStaffAsync(CancellationToken ct = default) =>
        (await db.StaffMembers.AsNoTracking().Where(s => s.UserId == null && s.LeftOn == null)
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName)
            .Select(s => new { s.Id, s.FirstName, s.LastName, s.JobTitle }).ToListAsync(ct))
        .Select(s => (s.Id, $"{s.FirstName} {s.LastName}{(s.JobTitle is null ? "" : $" ({s.JobTitle})")}"))
        .ToList();

    public Task<Result<(AppUser User, string TemporaryPassword)>> CreateAsync(string userName, string displayName, IReadOnlyCollection<Role> roles, StaffId? staffId, CancellationToken ct = default) =>
        db.InTransactionAsync(() => CreateAsyncNow(userName, displayName, roles, staffId, ct), ct);

    private async Task<Result<(AppUser User, string TemporaryPassword)>> CreateAsyncNow(string userName, string displayName, IReadOnlyCollection<Role> roles, StaffId? staffId, CancellationToken ct)
    {
        if (roles.Count == 0)
        {
            return new Error.Validation("Roles", "Choose at least one role");
        }

        StaffMember? staff = null;
        if (staffId is { } sid)
        {
            staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == sid, ct);
            if (staff is null)
            {
                return new Error.Validation("StaffId", "That staff record was not found in this school");
            }

            if (staff.UserId is not null)
            {
                return new Error.Validation("StaffId", $"{staff.FullName} already has an account");
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var password = TemporaryPassword();
        var user = new AppUser { UserName = userName, DisplayName = displayName, CreatedAt = now, MustChangePassword = true, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new Error.Validation([.. created.Errors.Select(e => new FieldError(e.Code.Contains("UserName", StringComparison.Ordinal) ? "UserName" : "", e.Description))]);
        }

        audit.Record(AuditActions.UserCreated, "User", user.Id.ToString(), detail: userName);
        foreach (var role in roles)
        {
            await GiveOrAskAsync(user, role, now, ct);
        }

        staff?.LinkAccount(user.Id);
        await db.SaveChangesAsync(ct);
        return (user, password);
    }

    public Task<Outcome> SetRolesAsync(Guid userId, IReadOnlyCollection<Role> roles, CancellationToken ct = default) =>
        db.InTransactionAsync(() => SetRolesAsyncNow(userId, roles, ct), ct);

    private async Task<Outcome> SetRolesAsyncNow(Guid userId, IReadOnlyCollection<Role> roles, CancellationToken ct)
    {
        var user = await FindAsync(userId, ct);
        if (user is null)
        {
            return new Error.NotFound("That account was not found in this school.");
        }

        if (roles.Count == 0)
        {
            return new Error.Validation("Roles", "Choose at least one role. To stop someone signing in, disable the account instead.");
        }

        if (userId == me.UserId && me.Roles.Contains(Role.Administrator) && !roles.Contains(Role.Administrator))
        {
            return new Error.Validation("Roles", "You cannot remove your own administrator role; ask another administrator.");
        }

        var current = await db.Memberships.Where(m => m.UserId == userId).ToListAsync(ct);
        var waiting = await db.RoleRequests.Where(r => r.UserId == userId && r.Status == RoleRequestStatus.Pending).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var gone in current.Where(m => !roles.Contains(m.Role)))
        {
            db.Memberships.Remove(gone);
            audit.Record(AuditActions.RoleRemoved, "User", userId.ToString(), detail: gone.Role.ToString());
        }

        foreach (var withdrawn in waiting.Where(r => !roles.Contains(r.Role)))
        {
            withdrawn.Withdraw(me.UserId, now);
            audit.Record(AuditActions.RoleRequestWithdrawn, "User", userId.ToString(), detail: withdrawn.Role.ToString());
        }

        foreach (var added in roles.Where(r => current.All(m => m.Role != r) && waiting.All(w => w.Role != r)))
        {
            await GiveOrAskAsync(user, added, now, ct);
        }

        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>
    /// Gives a role that reads no confidential data at once; asks for one that does, to be approved
    /// by someone else (<see cref="RoleApproval"/>), telling those who can approve it.
    /// </summary>
    private async Task GiveOrAskAsync(AppUser user, Role role, DateTime now, CancellationToken ct)
    {
        if (!RoleApproval.NeedsApproval(role))
        {
            db.Memberships.Add(Membership.Grant(user.Id, me.SchoolId, role, now, me.UserId));
            audit.Record(AuditActions.RoleGranted, "User", user.Id.ToString(), detail: role.ToString());
            return;
        }

        var request = RoleRequest.Raise(me.SchoolId, user.Id, role, me.UserId, now).Value;
        db.RoleRequests.Add(request);
        audit.Record(AuditActions.RoleRequested, "User", user.Id.ToString(), detail: role.ToString());
        await approvals.TellApproversAsync(request, user.DisplayName, now, ct);
    }

    public Task<Outcome> SetDisabledAsync(Guid userId, bool disabled, CancellationToken ct = default) =>
        db.InTransactionAsync(() => SetDisabledAsyncNow(userId, disabled, ct), ct);

    private async Task<Outcome> SetDisabledAsyncNow(Guid userId, bool disabled, CancellationToken ct)
    {
        var user = await FindAsync(userId, ct);
        if (user is null)
        {
            return new Error.NotFound("That account was not found in this school.");
        }

        if (userId == me.UserId)
        {
            return new Error.Conflict("You cannot disable your own account.");
        }

        if (await SharedWithAnotherSchoolAsync(userId, ct))
        {
            return new Error.Conflict("This account also has roles in another school, so only the trust's or authority's administrator can disable it. You can remove its roles in this school.");
        }

        if (user.IsDisabled == disabled)
        {
            return Outcome.Ok;
        }

        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        // A new security stamp ends every open session of the account on its next request.
        await users.UpdateSecurityStampAsync(user);
        if (disabled)
        {
            await signIn.EndAllSessionsAsync(userId, SessionEnd.AccountDisabled, ct);
        }

        audit.Record(disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, "User", userId.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public Task<Result<string>> ResetPasswordAsync(Guid userId, CancellationToken ct = default) =>
        db.InTransactionAsync(() => ResetPasswordAsyncNow(userId, ct), ct);

    private async Task<Result<string>> ResetPasswordAsyncNow(Guid userId, CancellationToken ct)
    {
        var user = await FindAsync(userId, ct);
        if (user is null)
        {
            return new Error.NotFound("That account was not found in this school.");
        }

        if (userId == me.UserId)
        {
            return new Error.Conflict("Change your own password from My account.");
        }

        if (await SharedWithAnotherSchoolAsync(userId, ct))
        {
            return new Error.Conflict("This account also has roles in another school, so its password can only be reset by the trust's or authority's administrator.");
        }

        var password = TemporaryPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return new Error.Conflict(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await signIn.EndAllSessionsAsync(userId, SessionEnd.PasswordReset, ct);
        audit.Record(AuditActions.PasswordReset, "User", userId.ToString());
        await db.SaveChangesAsync(ct);
        return password;
    }

    public Task<Outcome> ResetTwoFactorAsync(Guid userId, CancellationToken ct = default) =>
        db.InTransactionAsync(() => ResetTwoFactorAsyncNow(userId, ct), ct);

    private async Task<Outcome> ResetTwoFactorAsyncNow(Guid userId, CancellationToken ct)
    {
        var user = await FindAsync(userId, ct);
        if (user is null)
        {
            return new Error.NotFound("That account was not found in this school.");
        }

        if (await SharedWithAnotherSchoolAsync(userId, ct))
        {
            return new Error.Conflict("This account also has roles in another school, so only the trust's or authority's administrator can reset its two-factor sign-in.");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await signIn.EndAllSessionsAsync(userId, SessionEnd.TwoFactorReset, ct);
        audit.Record(AuditActions.TwoFactorReset, "User", userId.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    private Task<bool> SharedWithAnotherSchoolAsync(Guid userId, CancellationToken ct) =>
        db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == userId && m.SchoolId != me.SchoolId, ct);

    /// <summary>Four random words and a number: typed once, then replaced by the user's own.</summary>
    internal static string TemporaryPassword() =>
        string.Join('-', Enumerable.Range(0, 4).Select(_ => Words[RandomNumberGenerator.GetInt32(Words.Length)]))
        + "-" + RandomNumberGenerator.GetInt32(100, 1000).ToString(CultureInfo.InvariantCulture);
}
