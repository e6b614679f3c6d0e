using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity;

/// <summary>
/// Runs after authentication on every request. It loads the user's state from the database and
/// ends the session at once if its <see cref="SignInSession"/> has ended (signed out, password
/// changed or reset, two-factor reset, account disabled, timed out) or the account was disabled; it sets the
/// school every query is scoped to; and it keeps a user who must change their password, set up
/// two-factor sign-in or choose a school on those pages until they have.
/// </summary>
internal sealed class SessionGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, CurrentUser current, SchoolContext schoolContext, SecureBaseDb db, IOptions<IdentityOptions> identityOptions, TimeProvider clock)
    {
        if (http.User.HasClaim(c => c.Type == Clients.ClientClaims.Client))
        {
            await Clients.ClientGuard.InvokeAsync(http, next, current, schoolContext, db, clock);
            return;
        }

        if (http.User.Identity?.IsAuthenticated == true)
        {
            var state = await LoadAsync(http.User, db, identityOptions.Value, clock.GetUtcNow().UtcDateTime);
            if (state is null)
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                current.SignedIn(state);
                if (state.SchoolId != SchoolId.None)
                {
                    schoolContext.Enter(state.SchoolId, state.TimeZoneId);
                    schoolContext.KnowCalendarStamp(state.CalendarStamp);
                    schoolContext.KnowSessionsStamp(state.SessionsStamp);
                }

                if (Detour(http, current) is { } detour)
                {
                    if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                    {
                        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Finish signing in first",
                            detail: detour.Reason).ExecuteAsync(http);
                    }
                    else
                    {
                        http.Response.Redirect(detour.Path);
                    }

                    return;
                }
            }
        }

        await next(http);
    }

    internal static async Task<SignedInState?> LoadAsync(ClaimsPrincipal principal, SecureBaseDb db, IdentityOptions options, DateTime now)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || !SignInSessionId.TryParse(principal.FindFirstValue(SignInClaims.Session), null, out var sessionId))
        {
            return null;
        }

        // The session, its user, their memberships and who they are at the school their cookie names, in one query (each
        // query is a round trip to PostgreSQL, on every request).
        var claimed = SchoolId.TryParse(principal.FindFirstValue(SignInClaims.School), null, out var named) ? named : SchoolId.None;
        var read = await ReadSession.For(db)(db, sessionId, claimed);
        if (!await SessionIsOpenAsync(db, read?.Session, userId, sessionId, now))
        {
            return null;
        }

        var user = read;
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        if (user is null || user.IsDisabled || !string.Equals(stamp, user.SecurityStamp, StringComparison.Ordinal))
        {
            return null;
        }

        var memberships = user.Memberships;
        var schools = memberships.Select(m => m.SchoolId).Distinct().ToList();
        var chosen = claimed != SchoolId.None && schools.Contains(claimed)
            ? claimed
            : schools.Count == 1 ? schools[0] : SchoolId.None;

        var roles = memberships.Where(m => m.SchoolId == chosen).Select(m => m.Role).ToHashSet();
        string schoolName = "";
        var zone = Schools.School.DefaultTimeZone;
        var (calendarStamp, sessionsStamp) = (0L, 0L);
        StaffId? staffId = null;
        CarerId? carerId = null;
        PupilId? pupilId = null;
        if (chosen != SchoolId.None)
        {
            // The school's name and clock and who the user is there (staff, carer, pupil): read with the session when the
            // cookie names the school (it does once signed in to one), else by reading the session again for that school.
            var here = (chosen == claimed ? user.Here : (await ReadSession.For(db)(db, sessionId, chosen))?.Here)
                ?? throw new InvalidOperationException("The school of a membership was not found.");
            (schoolName, zone, calendarStamp, sessionsStamp, staffId, carerId, pupilId) = (here.Name, here.TimeZoneId, here.CalendarStamp, here.SessionsStamp, here.Staff, here.Carer, here.Pupil);
        }

        return new SignedInState(
            userId,
            user.UserName ?? "",
            user.DisplayName,
            chosen,
            schoolName,
            roles,
            staffId,
            carerId,
            pupilId,
            principal.HasClaim(SignInClaims.AuthenticationMethod, SignInClaims.MultiFactor),
            user.MustChangePassword,
            schools.Count,
            zone,
            calendarStamp,
            sessionsStamp);
    }

    /// <summary>The sign-in session as read (by primary key, with its user).</summary>
    private sealed record OpenSession(Guid UserId, DateTime StartedAt, DateTime LastSeenAt, DateTime? EndedAt);

    private sealed record SessionRead(OpenSession Session, string? UserName, string DisplayName, bool IsDisabled, string? SecurityStamp, bool MustChangePassword,
        List<MembershipRead> Memberships, WhoHere? Here);

    private sealed record MembershipRead(SchoolId SchoolId, Role Role);

    private sealed record WhoHere(string Name, string TimeZoneId, long CalendarStamp, long SessionsStamp, StaffId? Staff, CarerId? Carer, PupilId? Pupil);

    // The reads every signed-in request makes (one, once signed in to a school), compiled once: profiling showed EF preparing these
    // LINQ queries (walking and hashing the expression to find its cached SQL) at about 4% of a page's CPU.
    // The school's columns and who the user is there are scalar subqueries (SQLite has no lateral join); the school is
    // the one the cookie names, used only if the memberships read beside it include it.
    private static readonly PerModel<Func<SecureBaseDb, SignInSessionId, SchoolId, Task<SessionRead?>>> ReadSession = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, SignInSessionId id, SchoolId claimed) => (
                from s in db.SignInSessions.AsNoTracking()
                join u in db.Users.AsNoTracking() on s.UserId equals u.Id
                where s.Id == id
                select new SessionRead(
                    new OpenSession(s.UserId, s.StartedAt, s.LastSeenAt, s.EndedAt), u.UserName, u.DisplayName, u.IsDisabled, u.SecurityStamp, u.MustChangePassword,
                    db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == s.UserId).Select(m => new MembershipRead(m.SchoolId, m.Role)).ToList(),
                    db.Schools.Any(sc => sc.Id == claimed)
                        ? new WhoHere(
                            db.Schools.Where(sc => sc.Id == claimed).Select(sc => sc.Name).First(),
                            db.Schools.Where(sc => sc.Id == claimed).Select(sc => sc.TimeZoneId).First(),
                            db.Schools.Where(sc => sc.Id == claimed).Select(sc => sc.CalendarStamp).First(),
                            db.Schools.Where(sc => sc.Id == claimed).Select(sc => sc.SessionsStamp).First(),
                            db.StaffMembers.IgnoreQueryFilters().Where(x => x.SchoolId == claimed && x.UserId == s.UserId).Select(x => (StaffId?)x.Id).FirstOrDefault(),
                            db.Carers.IgnoreQueryFilters().Where(c => c.SchoolId == claimed && c.UserId == s.UserId).Select(c => (CarerId?)c.Id).FirstOrDefault(),
                            db.Pupils.IgnoreQueryFilters().Where(p => p.SchoolId == claimed && p.UserId == s.UserId && p.LeftOn == null).Select(p => (PupilId?)p.Id).FirstOrDefault())
                        : null))
            .SingleOrDefault()));

    /// <summary>
    /// A session that has ended, belongs to someone else or is unknown (a cookie from before sessions
    /// were recorded) is refused; one past its time limits is ended here. The last-seen time is
    /// written at most once a minute.
    /// </summary>
    private static async Task<bool> SessionIsOpenAsync(SecureBaseDb db, OpenSession? session, Guid userId, SignInSessionId id, DateTime now)
    {
        if (session is null || session.UserId != userId || session.EndedAt is not null)
        {
            return false;
        }

        if (SignInSession.ExpiryAt(session.StartedAt, session.LastSeenAt, now) is { } expired)
        {
            await db.SignInSessions.Where(s => s.Id == id && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, (SessionEnd?)expired));
            return false;
        }

        if (now - session.LastSeenAt >= SignInSession.LastSeenEvery)
        {
            await db.SignInSessions.Where(s => s.Id == id && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now));
        }

        return true;
    }

    private static (string Path, string Reason)? Detour(HttpContext http, CurrentUser user)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
        {
            return null;
        }

        var permits = endpoint.Metadata.GetMetadata<PermitsAttribute>();
        if (permits is not null && PolicyTable.AccountActions.Contains(permits.ActionFor(http.Request.Method)))
        {
            return null;
        }

        if (user.MustChangePassword)
        {
            return ("/account/password", "Your password was reset by an administrator: choose a new one before continuing.");
        }

        if (user.NeedsSecondFactor)
        {
            return ("/account/two-factor", "Your role needs two-factor sign-in: set up an authenticator app before continuing.");
        }

        if (!user.HasSchool)
        {
            return ("/choose-school", "Choose which school you are working in.");
        }

        return null;
    }
}

/// <summary>The claims SecureBase puts in the session cookie (and nothing more: roles come from the database).</summary>
public static class SignInClaims
{
    public const string School = "sb:school";

    /// <summary>The <see cref="SignInSession"/> this cookie belongs to.</summary>
    public const string Session = "sb:sid";
    public const string AuthenticatedAt = "sb:auth_time";
    public const string AuthenticationMethod = "amr";
    public const string MultiFactor = "mfa";
    public const string PasswordOnly = "pwd";
}
