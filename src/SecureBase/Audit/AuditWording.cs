using System.Globalization;
using System.Text;
using SecureBase.Caseload;
using SecureBase.Identity;
using SecureBase.Imports;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Schools;
using SecureBase.Staff;

namespace SecureBase.Audit;

/// <summary>
/// The audit log in a reader's words: what each action code means, the roles by the names users
/// know, and the codes inside details (a role, a decision, a closure's kind) spelled out.
/// </summary>
internal static class AuditWording
{
    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        [AuditActions.LoginSucceeded] = "Signed in",
        [AuditActions.LoginFailed] = "Sign-in failed",
        [AuditActions.LoginLockedOut] = "Sign-in locked after too many failures",
        [AuditActions.LoginRefused] = "Sign-in refused",
        [AuditActions.TwoFactorFailed] = "Wrong authenticator code at sign-in",
        [AuditActions.Logout] = "Signed out",
        [AuditActions.SchoolChosen] = "Chose the school to work in",
        [AuditActions.PasswordChanged] = "Changed their password",
        [AuditActions.PasswordReset] = "Reset a password",
        [AuditActions.TwoFactorEnabled] = "Set up two-factor sign-in",
        [AuditActions.TwoFactorReset] = "Reset two-factor sign-in",
        [AuditActions.UserCreated] = "Added an account",
        [AuditActions.UserDisabled] = "Disabled an account",
        [AuditActions.UserEnabled] = "Enabled an account again",
        [AuditActions.RoleGranted] = "Gave a role",
        [AuditActions.RoleRemoved] = "Removed a role",
        [Identity.SingleSignOn.SignOnAudit.Refused] = "Sign-in with a school account refused",
        [Identity.SingleSignOn.SignOnAudit.Verified] = "School account checked; SecureBase's own code asked for",
        [Identity.SingleSignOn.SignOnAudit.Configured] = "Changed the single sign-on settings",
        [Identity.SingleSignOn.SignOnAudit.Unlinked] = "Unlinked a member of staff's school account",
        [AuditActions.AuditVerified] = "Checked the audit log is intact",
        [AuditActions.ConfidentialRead] = "Opened a confidential record",
        [AuditActions.BreakGlassRead] = "Opened a confidential record with no relationship to it, giving a reason (break-glass)",
        [StaffAuditActions.Created] = "Added a staff record",
        [StaffAuditActions.Updated] = "Changed a staff record",
        [CalendarAuditActions.YearAdded] = "Added an academic year",
        [CalendarAuditActions.YearChanged] = "Changed an academic year",
        [CalendarAuditActions.YearRemoved] = "Removed an academic year",
        [CalendarAuditActions.ClosureAdded] = "Added a closure day",
        [CalendarAuditActions.ClosureRemoved] = "Removed a closure day",
        [CalendarAuditActions.PeriodAdded] = "Added a lesson period",
        [CalendarAuditActions.PeriodChanged] = "Changed a lesson period",
        [CalendarAuditActions.PeriodRemoved] = "Removed a lesson period",
        [ImportAuditActions.Imported] = "Imported from the school's information system",
        [ImportAuditActions.Exported] = "Downloaded an export",
        [ReferralAuditActions.Received] = "Referral received",
        [ReferralAuditActions.Decided] = "Decided on a referral",
        [ReferralAuditActions.Reviewed] = "Recorded the half-termly referral review",
        [ReferralAuditActions.Allocated] = "Allocated to a practitioner",
        [ReferralAuditActions.NotReady] = "Judged not ready: back to the waiting list",
        [MdtAuditActions.Prepared] = "Prepared an MDT meeting",
        [MdtAuditActions.Recorded] = "Recorded an MDT meeting",
        [Rooms.RoomAuditActions.RoomAdded] = "Added a room",
        [Rooms.RoomAuditActions.RoomChanged] = "Changed a room or its therapy hours",
        [Rooms.RoomAuditActions.NoticeChanged] = "Changed the notice for booking over therapy hours",
        [Rooms.RoomAuditActions.Booked] = "Booked a room",
        [Rooms.RoomAuditActions.BookingCancelled] = "Cancelled a room booking",
        [PupilAuditActions.Created] = "Added a pupil",
        [PupilAuditActions.Updated] = "Changed a pupil's record",
        [PupilAuditActions.Left] = "Recorded that a pupil left",
        [PupilAuditActions.CarerAdded] = "Linked a parent or carer",
        [PupilAuditActions.CarerUpdated] = "Changed a parent's or carer's details",
        [PupilAuditActions.CarerLinkRemoved] = "Removed a parent or carer link",
        [PupilAuditActions.PhotoChanged] = "Changed a pupil's photo",
        [PupilAuditActions.PhotoRemoved] = "Removed a pupil's photo",
        [EhcpAuditActions.PlanCreated] = "Added an EHCP",
        [EhcpAuditActions.PlanUpdated] = "Changed an EHCP",
        [EhcpAuditActions.ReviewRecorded] = "Recorded an EHCP annual review",
        [EhcpAuditActions.ProvisionAdded] = "Added EHCP provision",
        [EhcpAuditActions.ProvisionChanged] = "Changed EHCP provision",
        [EhcpAuditActions.ProvisionRemoved] = "Removed EHCP provision",
    };

    /// <summary>The action in plain words; an action added later without words here still reads as words ("role.approval-requested": "Role approval requested").</summary>
    public static string Action(string code)
    {
        if (Actions.TryGetValue(code, out var words))
        {
            return words;
        }

        var text = code.Replace('.', ' ').Replace('-', ' ').Replace('_', ' ').Trim();
        return text.Length == 0 ? "Something happened" : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>"HeadOfTherapy,Therapist" as "Head of Therapy, Therapist".</summary>
    public static string? Roles(string? roles) => roles is null ? null : string.Join(", ", roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(r => Enum.TryParse<Role>(r, out var role) ? RoleInfo.Of(role).Name : Words(r)));

    /// <summary>The detail of an entry with the codes in it spelled out.</summary>
    public static string? Detail(string action, string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail))
        {
            return null;
        }

        return action switch
        {
            AuditActions.RoleGranted or AuditActions.RoleRemoved => Roles(detail),
            AuditActions.AuditVerified => detail == "intact" ? "Intact"
                : detail.StartsWith("broken at", StringComparison.Ordinal) ? (detail["broken at".Length..].Trim() is { Length: > 0 } at ? $"Tampering found at entry {at}" : "Tampering found") : detail,
            ReferralAuditActions.Decided => string.Join(" → ", detail.Split('→', StringSplitOptions.TrimEntries).Select(Words)),
            CalendarAuditActions.ClosureAdded or CalendarAuditActions.ClosureRemoved => ClosureDetail(detail),
            EhcpAuditActions.ProvisionAdded or EhcpAuditActions.ProvisionChanged or EhcpAuditActions.ProvisionRemoved when detail.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
                => Capitalise(Words(detail[..colon])) + detail[colon..],
            ReferralAuditActions.Received => Capitalise(string.Join(", ", detail.Split(',', StringSplitOptions.TrimEntries).Select(Words))),
            _ => detail,
        };
    }

    private static string ClosureDetail(string detail)
    {
        var parts = detail.Split(' ', 2);
        return parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? $"{date.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} ({Words(parts[1])})"
            : detail;
    }

    /// <summary>A code name in words: "WaitingList" as "waiting list", "InsetDay" as "inset day".</summary>
    public static string Words(string code)
    {
        if (code.Length == 0 || !code.All(char.IsLetterOrDigit) || !code.Skip(1).Any(char.IsUpper))
        {
            return code;
        }

        var sb = new StringBuilder(code.Length + 8);
        for (var i = 0; i < code.Length; i++)
        {
            if (i > 0 && char.IsUpper(code[i]) && (char.IsLower(code[i - 1]) || (i + 1 < code.Length && char.IsLower(code[i + 1]))))
            {
                sb.Append(' ');
            }

            sb.Append(code[i]);
        }

        // Keep acronyms (EHCP, CAMHS, SaLT) as they are; lower the rest.
        return string.Join(' ', sb.ToString().Split(' ').Select(w => w.Length > 1 && w.Skip(1).Any(char.IsUpper) ? w : w.ToLowerInvariant()));
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
