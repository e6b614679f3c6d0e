using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;

namespace SecureBase.Identity.SingleSignOn;

/// <summary>
/// Which SecureBase account a verified school account is (ADR 0017): found by its verified email, in an allowed domain,
/// among the members of the school whose provider signed the person in, and never created. The first successful sign-in
/// binds the provider's issuer and subject to the account (Identity's user_logins); afterwards another subject with the
/// same email is refused, so changing an email at the provider cannot take over an account.
/// </summary>
internal sealed class SchoolAccountLinks(SecureBaseDb db, UserManager<AppUser> users)
{
    /// <summary>How a school account's binding is named in Identity's user_logins.</summary>
    public const string DisplayName = "School account";

    /// <summary>The account to sign in, or why none may be (for the audit log), with the account when one was found.</summary>
    public async Task<(AppUser? User, string? Refusal)> FindAsync(SchoolSignOn sso, SignOnIdentity identity)
    {
        if (string.IsNullOrWhiteSpace(identity.Email))
        {
            return (null, "the provider gave no email");
        }

        if (!identity.EmailVerified)
        {
            return (null, "the email is not verified by the provider");
        }

        if (!sso.AllowsDomainOf(identity.Email))
        {
            return (null, "the email's domain is not one the school allows");
        }

        var normalized = users.NormalizeEmail(identity.Email);
        var email = identity.Email.Trim();
        var members = db.Memberships.IgnoreQueryFilters().Where(m => m.SchoolId == sso.SchoolId).Select(m => m.UserId);
        var byAccount = await db.Users.Where(u => u.NormalizedEmail == normalized && members.Contains(u.Id)).Select(u => u.Id).ToListAsync();
        // The school's staff records carry the email the school gave the person (from its information system).
        var staffEmails = await db.StaffMembers.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.SchoolId == sso.SchoolId && s.UserId != null && s.Email != null && members.Contains(s.UserId!.Value))
            .Select(s => new { UserId = s.UserId!.Value, Email = s.Email! }).ToListAsync();
        var byStaffRecord = staffEmails.Where(s => string.Equals(s.Email.Trim(), email, StringComparison.OrdinalIgnoreCase)).Select(s => s.UserId);
        var found = byAccount.Concat(byStaffRecord).Distinct().ToList();
        if (found.Count == 0)
        {
            return (null, "no member of the school has this email");
        }

        if (found.Count > 1)
        {
            return (null, "several accounts of the school have this email");
        }

        var user = await users.FindByIdAsync(found[0].ToString());
        if (user is null)
        {
            return (null, "no member of the school has this email");
        }

        if (user.IsDisabled)
        {
            return (user, "the account is disabled");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return (user, "the account is locked");
        }

        var bound = await users.FindByLoginAsync(identity.Issuer, identity.Subject);
        if (bound is not null && bound.Id != user.Id)
        {
            return (user, "this provider account is linked to another SecureBase account");
        }

        var logins = await users.GetLoginsAsync(user);
        if (logins.Any(l => l.LoginProvider == identity.Issuer && l.ProviderKey != identity.Subject))
        {
            return (user, "the account is linked to a different provider account with the same email");
        }

        return (user, null);
    }

    /// <summary>
    /// The members of the sign-on's school whose SecureBase account is bound to a school account at its issuer, by name.
    /// Only this school's issuer: a binding made for another school's provider is not this administrator's to see or undo.
    /// </summary>
    public async Task<IReadOnlyList<LinkedSchoolAccount>> LinkedAsync(SchoolSignOn sso, Guid? onlyUser = null, CancellationToken ct = default)
    {
        var members = db.Memberships.IgnoreQueryFilters().Where(m => m.SchoolId == sso.SchoolId).Select(m => m.UserId);
        var query = db.Set<IdentityUserLogin<Guid>>().AsNoTracking()
            .Where(l => l.LoginProvider == sso.Issuer && members.Contains(l.UserId));
        if (onlyUser is { } only)
        {
            query = query.Where(l => l.UserId == only);
        }

        var linked = await query
            .Join(db.Users, l => l.UserId, u => u.Id, (l, u) => new LinkedSchoolAccount(u.Id, u.DisplayName, u.UserName ?? "", u.Email, l.ProviderKey))
            .ToListAsync(ct);
        return linked.OrderBy(l => l.Name, StringComparer.CurrentCulture).ThenBy(l => l.UserName, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Undoes the binding of a member of the school to their school account (the provider account was recreated, or the
    /// wrong one was bound): saved with the audit entry; the next sign-in with a school account finds the account by its
    /// verified email again and binds that one. Nothing changes unless the account is still bound to exactly
    /// <paramref name="subject"/> at the school's issuer (a stale or forged form).
    /// </summary>
    public async Task<bool> UnlinkAsync(SchoolSignOn sso, Guid userId, string? subject, AuditLog audit, CancellationToken ct = default)
    {
        var linked = (await LinkedAsync(sso, userId, ct)).SingleOrDefault();
        if (linked is null || subject is null || !SignOnProtocol.Same(linked.Subject, subject))
        {
            return false;
        }

        var login = await db.Set<IdentityUserLogin<Guid>>().SingleAsync(l => l.LoginProvider == sso.Issuer && l.ProviderKey == linked.Subject && l.UserId == userId, ct);
        db.Remove(login);
        audit.Record(SignOnAudit.Unlinked, "User", userId.ToString(), detail: $"{linked.Name} ({linked.UserName}) unlinked from the school account {linked.Subject} at {sso.Issuer}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Binds the provider account to the SecureBase account at its first successful sign-in.</summary>
    public async Task BindAsync(AppUser user, SignOnIdentity identity)
    {
        if (await users.FindByLoginAsync(identity.Issuer, identity.Subject) is null)
        {
            var added = await users.AddLoginAsync(user, new UserLoginInfo(identity.Issuer, identity.Subject, DisplayName));
            if (!added.Succeeded)
            {
                throw new InvalidOperationException("Linking the school account failed: " + string.Join("; ", added.Errors.Select(e => e.Description)));
            }
        }
    }
}

/// <summary>A member of the school whose account is bound to a school account: who, and the provider's subject.</summary>
internal sealed record LinkedSchoolAccount(Guid UserId, string Name, string UserName, string? Email, string Subject);
