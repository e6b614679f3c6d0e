using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using SecureBase.Data;

namespace SecureBase.Identity;

public static class IdentityModule
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);
    public const int LockoutAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int PasswordHashIterations = 210_000;
    public const string SessionCookie = "securebase.session";

    /// <summary>Accounts, sign-in, sessions and the policy table's enforcement.</summary>
    public static IServiceCollection AddIdentityModule(this IServiceCollection services)
    {
        services.AddScoped<CurrentUser>();
        services.AddScoped<Admin.UserAdministration>();
        services.AddScoped<Admin.RoleApprovals>();
        services.AddScoped<SchoolContext>();
        SingleSignOn.SignOnModule.AddSingleSignOn(services);
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PolicyTableHandler>();

        services.AddDataProtection().SetApplicationName("SecureBase");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
            {
                o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<IServiceScopeFactory>());
                o.XmlEncryptor = new KeyRingEncryptor(sp.GetRequiredService<Audit.AuditKey>());
            }));
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashIterations);
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = PasswordRules.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+'";
                o.Tokens.AuthenticatorTokenProvider = TokenOptions.DefaultAuthenticatorProvider;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<SecureBaseDb>()
            .AddSignInManager<SchoolSignInManager>()
            .AddErrorDescriber<SchoolIdentityErrors>()
            .AddUserManager<SchoolUserManager>()
            .AddPasswordValidator<PasswordRules>()
            .AddDefaultTokenProviders()
            // After the defaults, so it replaces Identity's authenticator provider (which allows a code to be reused).
            .AddTokenProvider<TotpTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<SchoolSignInManager>(sp => (SchoolSignInManager)sp.GetRequiredService<SignInManager<AppUser>>());

        services.AddAuthentication(Clients.ApiClientsModule.CookieOrBearer)
            .AddApiClientsScheme()
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = IdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.ReturnUrlParameter = "returnUrl";
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = EndSessionAfterAbsoluteTimeout,
                    OnRedirectToLogin = ctx => RespondOrRedirect(ctx, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = ctx => RespondOrRedirect(ctx, StatusCodes.Status403Forbidden),
                };
            })
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, o =>
            {
                o.Cookie.Name = "securebase.two-factor";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            });
        return services;
    }

    private static AuthenticationBuilder AddApiClientsScheme(this AuthenticationBuilder auth) => Clients.ApiClientsModule.AddApiClients(auth);

    private static async Task EndSessionAfterAbsoluteTimeout(CookieValidatePrincipalContext ctx)
    {
        var clock = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var began = ctx.Principal?.FindFirst(SignInClaims.AuthenticatedAt)?.Value;
        if (began is null || !long.TryParse(began, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > AbsoluteTimeout)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    // Pages go to the sign-in page; the API answers with a status and problem details.
    private static Task RespondOrRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || status == StatusCodes.Status403Forbidden)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Identity's messages in plain words.</summary>
internal sealed class SchoolIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Passwords must be at least {length} characters. Three or four random words make a good one." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"The username {userName} is already in use. Choose another." };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = "A username can only contain letters, digits and - . _ @ + '" };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "The current password is not right." };
}
