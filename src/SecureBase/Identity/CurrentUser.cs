using SecureBase.Audit;
using SecureBase.Common;

namespace SecureBase.Identity;

/// <summary>
/// Who is making this request, in which school and with which roles: loaded once per request by
/// <see cref="SessionGuard"/> from the database (not from the cookie), so a role removed or an
/// account disabled takes effect on the very next request.
/// </summary>
public sealed class CurrentUser
{
    private static readonly IReadOnlySet<Role> NoRoles = new HashSet<Role>();

    public bool IsSignedIn { get; private set; }
    public Guid UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public SchoolId SchoolId { get; private set; }
    public string SchoolName { get; private set; } = "";
    public IReadOnlySet<Role> Roles { get; private set; } = NoRoles;
    public StaffId? StaffId { get; private set; }
    public CarerId? CarerId { get; private set; }
    public PupilId? PupilId { get; private set; }

    /// <summary>Signed in with a second factor in this session.</summary>
    public bool HasSecondFactor { get; private set; }

    /// <summary>A role needs two-factor sign-in but this session has only a password: only account set-up is open.</summary>
    public bool NeedsSecondFactor => Roles.Any(r => RoleInfo.Of(r).RequiresTwoFactor) && !HasSecondFactor;

    public bool MustChangePassword { get; private set; }

    /// <summary>How many schools this account has roles in (a school switcher is shown when more than one).</summary>
    public int SchoolCount { get; private set; }

    public bool HasSchool => SchoolId != SchoolId.None && (Roles.Count > 0 || IsApiClient);

    /// <summary>An API client (an information system or script with a bearer token), not a person: no roles, only its grant.</summary>
    public bool IsApiClient { get; private set; }

    private IReadOnlySet<SchoolAction> _clientGrant = new HashSet<SchoolAction>();

    /// <summary>Roles that can act now: none while a required second factor is missing.</summary>
    public IEnumerable<Role> ActiveRoles => NeedsSecondFactor ? [] : Roles;

    public Scope ScopeFor(SchoolAction action) =>
        IsApiClient ? (HasSchool ? PolicyTable.ScopeForApiClient(_clientGrant, action) : Scope.None)
        : PolicyTable.AccountActions.Contains(action) && IsSignedIn ? Scope.Self
        : HasSchool ? PolicyTable.ScopeFor(ActiveRoles, action) : Scope.None;

    public bool Can(SchoolAction action) => ScopeFor(action) != Scope.None;

    public string RolesText => string.Join(", ", Roles.Order().Select(r => RoleInfo.Of(r).Name));

    /// <summary>The name the audit log records: a person's username, or "api-client:" and the client's name.</summary>
    public AuditActor Actor => IsApiClient
        ? new AuditActor(UserId, ApiClientPrefix + DisplayName, ApiClientRole, SchoolId)
        : IsSignedIn
        ? new AuditActor(UserId, UserName, Roles.Count == 0 ? null : string.Join(",", Roles.Order()), HasSchool ? SchoolId : null)
        : AuditActor.System();

    public const string ApiClientPrefix = "api-client:";
    public const string ApiClientRole = "api-client";

    /// <summary>An API client whose token and registration were checked for this request.</summary>
    internal void ApiClientSignedIn(Guid clientId, string name, SchoolId school, string schoolName, IReadOnlySet<SchoolAction> grant)
    {
        IsSignedIn = true;
        IsApiClient = true;
        UserId = clientId;
        UserName = ApiClientPrefix + name;
        DisplayName = name;
        SchoolId = school;
        SchoolName = schoolName;
        SchoolCount = 1;
        HasSecondFactor = false;
        _clientGrant = grant;
    }

    internal void SignedIn(SignedInState s)
    {
        IsSignedIn = true;
        UserId = s.UserId;
        UserName = s.UserName;
        DisplayName = s.DisplayName;
        SchoolId = s.SchoolId;
        SchoolName = s.SchoolName;
        Roles = s.Roles;
        StaffId = s.StaffId;
        CarerId = s.CarerId;
        PupilId = s.PupilId;
        HasSecondFactor = s.HasSecondFactor;
        MustChangePassword = s.MustChangePassword;
        SchoolCount = s.SchoolCount;
    }
}

internal sealed record SignedInState(
    Guid UserId,
    string UserName,
    string DisplayName,
    SchoolId SchoolId,
    string SchoolName,
    IReadOnlySet<Role> Roles,
    StaffId? StaffId,
    CarerId? CarerId,
    PupilId? PupilId,
    bool HasSecondFactor,
    bool MustChangePassword,
    int SchoolCount,
    string TimeZoneId,
    long CalendarStamp,
    long SessionsStamp);
