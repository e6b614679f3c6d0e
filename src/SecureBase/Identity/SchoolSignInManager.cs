using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity;

/// <summary>
/// Identity's sign-in, with SecureBase's rules: a disabled account cannot sign in; every session
/// records when it began (for the 12-hour limit) and which school it works in, and is a
/// <see cref="SignInSession"/> row that signing out, a password change, a two-factor reset or
/// disabling the account ends for every instance at once.
/// </summary>
public sealed class SchoolSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    SecureBaseDb db,
    TimeProvider clock)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override Task<bool> CanSignInAsync(AppUser user) =>
        user.IsDisabled ? Task.FromResult(false) : base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        var now = clock.GetUtcNow();
        if (!claims.Exists(c => c.Type == SignInClaims.AuthenticatedAt))
        {
            claims.Add(new Claim(SignInClaims.AuthenticatedAt, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
            user.LastSignInAt = now.UtcDateTime;
            await UserManager.UpdateAsync(user);
        }

        if (!claims.Exists(c => c.Type == SignInClaims.Session))
        {
            var began = claims.Find(c => c.Type == SignInClaims.AuthenticatedAt) is { } at
                && long.TryParse(at.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
                : now.UtcDateTime;
            var session = SignInSession.Start(user.Id, began, now.UtcDateTime);
            db.SignInSessions.Add(session);
            // The account's sessions that ended (or were abandoned) long ago are of no further use: the audit log keeps the sign-ins.
            var forgotten = now.UtcDateTime - SignInSession.KeptFor;
            await db.SignInSessions.Where(s => s.UserId == user.Id && s.LastSeenAt < forgotten).ExecuteDeleteAsync();
            await db.SaveChangesAsync();
            claims.Add(new Claim(SignInClaims.Session, session.Id.ToString()));
        }

        if (!claims.Exists(c => c.Type == SignInClaims.School))
        {
            var schools = await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id).Select(m => m.SchoolId).Distinct().ToListAsync();
            if (schools.Count == 1)
            {
                claims.Add(new Claim(SignInClaims.School, schools[0].ToString()));
            }
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties ?? new AuthenticationProperties { IsPersistent = false }, claims);
    }

    /// <summary>
    /// Signs in someone whose school account was verified by the school's provider (single sign-on, ADR 0017). When the
    /// provider asserted multi-factor authentication the session counts as two-factor; otherwise it is like a password
    /// sign-in: an account with an authenticator is asked for its code, and a role that needs one is held on the set-up page.
    /// </summary>
    public async Task<SignInResult> SchoolAccountSignInAsync(AppUser user, bool multiFactor, string issuer)
    {
        if (!await CanSignInAsync(user))
        {
            return SignInResult.NotAllowed;
        }

        if (multiFactor)
        {
            await SignInWithClaimsAsync(user, null, [new Claim(SignInClaims.AuthenticationMethod, SignInClaims.MultiFactor)]);
            return SignInResult.Success;
        }

        if (await IsTwoFactorEnabledAsync(user) && !await IsTwoFactorClientRememberedAsync(user))
        {
            // Identity's own two-factor step (SignInOrTwoFactorAsync) written out, with the school account's issuer kept
            // beside the user id so the code page can say truthfully how the first factor was checked (ADR 0017).
            // Identity's way of carrying a first factor (its loginProvider argument) is not used on purpose: on a
            // good code it signs out of the external-login scheme, which SecureBase does not register (it would throw),
            // and puts the issuer into the session as an authentication-method claim, where SecureBase keeps "mfa" or
            // "pwd". Identity reads only the user id (ClaimTypes.Name) from this cookie; the audit-wording test of
            // SingleSignOnTests fails if that ever changes.
            var pending = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
            pending.AddClaim(new Claim(ClaimTypes.Name, await UserManager.GetUserIdAsync(user)));
            pending.AddClaim(new Claim(SchoolAccountIssuer, issuer));
            await Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
            return SignInResult.TwoFactorRequired;
        }

        return await SignInOrTwoFactorAsync(user, isPersistent: false);
    }

    /// <summary>The claim in the pending two-factor cookie that says the first factor was a school account, and whose.</summary>
    public const string SchoolAccountIssuer = "sb:sso_iss";

    /// <summary>
    /// The issuer of the school account that began this two-factor sign-in, or null when it began with a password.
    /// Read it before the code is checked (a successful check removes the pending cookie).
    /// </summary>
    public async Task<string?> PendingSchoolAccountIssuerAsync()
    {
        var pending = await Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return pending.Principal?.FindFirstValue(SchoolAccountIssuer);
    }

    /// <summary>
    /// Re-issues the session cookie (after a school choice, a password change or two-factor set-up),
    /// keeping when it began. With <paramref name="newSession"/> the cookie names a new session
    /// (after a password change, which ended all the old ones); otherwise it keeps its session.
    /// </summary>
    public async Task ReissueAsync(AppUser user, ClaimsPrincipal current, SchoolId? school = null, bool? multiFactor = null, bool newSession = false)
    {
        var claims = new List<Claim>();
        if (current.FindFirst(SignInClaims.AuthenticatedAt) is { } began)
        {
            claims.Add(new Claim(SignInClaims.AuthenticatedAt, began.Value));
        }

        if (!newSession && current.FindFirst(SignInClaims.Session) is { } session)
        {
            claims.Add(new Claim(SignInClaims.Session, session.Value));
        }

        var mfa = multiFactor ?? current.HasClaim(SignInClaims.AuthenticationMethod, SignInClaims.MultiFactor);
        claims.Add(new Claim(SignInClaims.AuthenticationMethod, mfa ? SignInClaims.MultiFactor : SignInClaims.PasswordOnly));
        var schoolValue = school?.ToString() ?? current.FindFirstValue(SignInClaims.School);
        if (schoolValue is not null)
        {
            claims.Add(new Claim(SignInClaims.School, schoolValue));
        }

        await SignInWithClaimsAsync(user, null, claims);
    }

    /// <summary>Signing out ends this device's session in the database, so a copy of the cookie is useless everywhere.</summary>
    public override async Task SignOutAsync()
    {
        if (Context.User.Identity?.IsAuthenticated == true
            && SignInSessionId.TryParse(Context.User.FindFirstValue(SignInClaims.Session), null, out var id)
            && await db.SignInSessions.SingleOrDefaultAsync(s => s.Id == id) is { } session)
        {
            session.End(SessionEnd.SignedOut, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await base.SignOutAsync();
    }

    /// <summary>
    /// Ends every open session of the account (saved with the caller's next SaveChanges): after a
    /// password change or reset, a two-factor reset, or disabling the account.
    /// </summary>
    public async Task EndAllSessionsAsync(Guid userId, SessionEnd reason, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var session in await db.SignInSessions.Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(ct))
        {
            session.End(reason, now);
        }
    }
}
