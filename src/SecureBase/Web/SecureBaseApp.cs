using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using SecureBase.Audit;
using SecureBase.Board;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Demo;
using SecureBase.Feeds;
using SecureBase.Identity;
using SecureBase.Imports;
using SecureBase.Notifications;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Schools;
using SecureBase.Staff;

namespace SecureBase.Web;

/// <summary>Builds the web application: services, the request pipeline and every module's endpoints.</summary>
public static class SecureBaseApp
{
    public const string LoginRateLimit = "login";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddSecureBase(builder.Configuration);
        var app = builder.Build();
        app.UseSecureBase();
        return app;
    }

    public static IServiceCollection AddSecureBase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecureBaseOptions>().Bind(configuration.GetSection(SecureBaseOptions.Section))
            .PostConfigure<IHostEnvironment>((o, env) => o.ContentRoot = env.ContentRootPath);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SecureBaseOptions>>().Value;
            var (provider, cs) = DatabaseSetup.Resolve(sp.GetRequiredService<IConfiguration>(), options);
            return new DatabaseConnection(provider, cs);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SecureBaseOptions>>().Value;
            return AuditKey.Load(options.AuditKey, options.FullDataFolder);
        });
        services.AddDbContext<SecureBaseDb>((sp, o) =>
        {
            var db = sp.GetRequiredService<DatabaseConnection>();
            DatabaseSetup.Configure(o, db.Provider, db.ConnectionString);
        });

        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton<JobLeases>();
        services.AddIdentityModule();
        services.AddAuditModule();
        services.AddSchoolsModule();
        services.AddPupilsModule();
        services.AddStaffModule();
        services.AddEhcpModule();
        services.AddNotificationsModule();
        services.AddReferralsModule();
        services.AddCaseloadModule();
        services.AddDemoModule();
        services.AddImportsModule();
        services.AddBoardModule();
        services.AddFeedsModule();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Razor Pages validate the antiforgery token on every POST by default.
        services.AddRazorPages(o => o.RootDirectory = "/")
            .AddMvcOptions(o =>
            {
                PlainWords.Configure(o.ModelBindingMessageProvider);
                o.Filters.Add(new UnhandledMethods());
            });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "securebase.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.Configure<RouteOptions>(o =>
        {
            o.LowercaseUrls = true;
            o.LowercaseQueryStrings = false;
        });
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new EntityIdJsonConverterFactory());
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddProblemDetails();
        // Unreadable API requests reach the exception handler, which names the field in a problem document.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", o => ApiDocument.Configure(o));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("page views");
                }

                var perMinute = http.RequestServices.GetRequiredService<IOptions<SecureBaseOptions>>().Value.LoginAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync("Too many sign-in attempts from this device. Wait a minute and try again.", ct);
            };
        });
        return services;
    }

    public static WebApplication UseSecureBase(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = Failures.HandleExceptionAsync });
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<RequestLog>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<SessionGuard>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = DatabaseHealthCheck.WriteAsync,
        }).AllowAnonymous();

        var api = app.MapGroup("/api/v1").WithTags("SecureBase");
        api.MapIdentityApi();
        api.MapSchoolsApi();
        api.MapPupilsApi();
        api.MapStaffApi();
        api.MapImportsApi();
        api.MapEhcpApi();
        api.MapNotificationsApi();
        api.MapReferralsApi();
        api.MapCaseloadApi();
        api.MapBoardApi();
        app.MapFeeds();
        return app;
    }
}
