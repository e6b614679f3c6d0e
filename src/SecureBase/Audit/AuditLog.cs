using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Audit;

/// <summary>Names of audited actions, as they appear in the log.</summary>
internal static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginLockedOut = "login.locked-out";
    public const string LoginRefused = "login.refused";
    public const string TwoFactorFailed = "login.two-factor-failed";
    public const string Logout = "logout";
    public const string SchoolChosen = "school.chosen";
    public const string PasswordChanged = "password.changed";
    public const string PasswordReset = "password.reset-by-administrator";
    public const string TwoFactorEnabled = "two-factor.enabled";
    public const string TwoFactorReset = "two-factor.reset-by-administrator";
    public const string UserCreated = "user.created";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string RoleGranted = "role.granted";
    public const string RoleRemoved = "role.removed";

    /// <summary>An administrator asked for a role that needs approval; it gives no access yet.</summary>
    public const string RoleRequested = "role.requested";
    public const string RoleApproved = "role.approved";
    public const string RoleRefused = "role.refused";
    public const string RoleRequestWithdrawn = "role.request-withdrawn";
    public const string AuditVerified = "audit.verified";

    /// <summary>A confidential record (a session note, a safeguarding concern) was read.</summary>
    public const string ConfidentialRead = "confidential.read";

    /// <summary>A confidential record opened by someone with no relationship that explains it, giving a reason first.</summary>
    public const string BreakGlassRead = "confidential.read.break-glass";
}

/// <summary>
/// Writes to the audit log. <see cref="Record(string, string?, string?, string?, string?)"/> adds an entry
/// that is saved, chained and committed together with the change it describes; reads of
/// confidential records use <see cref="RecordReadAsync(string, string, string?, bool, CancellationToken)"/>, which commits before the record is shown.
/// </summary>
public sealed class AuditLog(SecureBaseDb db, CurrentUser user, TimeProvider clock)
{
    public void Record(string action, string? recordType = null, string? recordId = null, string? reason = null, string? detail = null) =>
        Record(user.Actor, action, recordType, recordId, reason, detail);

    public void Record(AuditActor actor, string action, string? recordType = null, string? recordId = null, string? reason = null, string? detail = null) =>
        db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow().UtcDateTime, actor, action, recordType, recordId, reason, detail));

    public async Task RecordNowAsync(AuditActor actor, string action, string? recordType = null, string? recordId = null, string? reason = null, string? detail = null, CancellationToken ct = default)
    {
        Record(actor, action, recordType, recordId, reason, detail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records that the current user is reading a confidential record, and why, before it is shown.</summary>
    public Task RecordReadAsync(string recordType, string recordId, string? reason, CancellationToken ct = default) =>
        RecordReadAsync(recordType, recordId, reason, breakGlass: false, ct);

    public async Task RecordReadAsync(string recordType, string recordId, string? reason, bool breakGlass, CancellationToken ct = default)
    {
        Record(breakGlass ? AuditActions.BreakGlassRead : AuditActions.ConfidentialRead, recordType, recordId, reason);
        await db.SaveChangesAsync(ct);
    }
}
