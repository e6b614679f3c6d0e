using System.Text.Json.Serialization;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Authorization;
using SecureBase.Audit;
using SecureBase.Board;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Demo;
using SecureBase.Feeds;
using SecureBase.Sessions;
using SecureBase.Identity;
using SecureBase.Imports;
using SecureBase.Notifications;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Reports;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Timetable;

namespace SecureBase.Web;

/// <summary>Builds the web application: services, the request pipeline and every module's endpoints.</summary>
public static class SecureBaseApp
{
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
        // The options are built once (they depend only on the connection, a singleton), not for every request's context:
        // building them, with the connection string parsed again each time, was about 3% of a page's CPU.
        services.AddDbContext<SecureBaseDb>((sp, o) =>
        {
            var db = sp.GetRequiredService<DatabaseConnection>();
            DatabaseSetup.Configure(o, db.Provider, db.ConnectionString);
        }, contextLifetime: ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);

        services.AddScoped<SchoolEventDispatcher>();
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
        services.AddTimetableModule();
        services.AddDemoModule();
        services.AddImportsModule();
        services.AddRoomsModule();
        services.AddBoardModule();
        services.AddFeedsModule();
        services.AddSessionsModule();
        Safeguarding.SafeguardingModule.AddSafeguardingModule(services);
        Outcomes.OutcomesModule.AddOutcomesModule(services);
        services.AddReportsModule();
        Development.DevelopmentModule.AddDevelopmentModule(services);
        Liaison.LiaisonModule.AddLiaisonModule(services);
        Dashboards.DashboardsModule.AddDashboards(services);

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
        services.Configure<ForwardedHeadersOptions>(o => ConfigureProxies(o, configuration));
        return services;
    }

    /// <summary>
    /// Reads the client's address and scheme from X-Forwarded-For and X-Forwarded-Proto, but only when
    /// the request comes from a trusted proxy: loopback (nginx on the same machine) and the addresses or
    /// networks in <c>SecureBase:TrustedProxies</c> (e.g. "10.0.0.5, 10.1.0.0/16"). The sign-in limit
    /// counts attempts per client address, so behind a load balancer this must name it.
    /// </summary>
    internal static void ConfigureProxies(ForwardedHeadersOptions o, IConfiguration configuration)
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        var setting = configuration[$"{SecureBaseOptions.Section}:{nameof(SecureBaseOptions.TrustedProxies)}"] ?? "";
        foreach (var item in setting.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(item, out var address))
            {
                o.KnownProxies.Add(address);
            }
            else if (System.Net.IPNetwork.TryParse(item, out var network))
            {
                o.KnownIPNetworks.Add(network);
            }
            else
            {
                throw new InvalidOperationException($"SecureBase:TrustedProxies: '{item}' is not a network address (10.0.0.5) or network (10.0.0.0/16).");
            }
        }
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
        app.UseMiddleware<SignInThrottle>();
        app.UseAuthentication();
        app.UseMiddleware<SessionGuard>();
        // Per API client, counted in the database for every instance; people's requests are not limited here.
        app.UseMiddleware<Identity.Clients.ApiClientThrottle>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = DatabaseHealthCheck.WriteAsync,
        }).AllowAnonymous();

        Identity.Clients.ApiClientsModule.MapApiClientTokens(app);
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
        api.MapSessionsApi();
        api.MapRoomsApi();
        app.MapRoomsDownloads();
        api.MapBoardApi();
        api.MapEngagementApi();
        Sessions.Notes.NotesApi.MapNotesApi(api);
        Safeguarding.SafeguardingApi.MapSafeguardingApi(api);
        Outcomes.OutcomesModule.MapOutcomes(api);
        Development.DevelopmentModule.MapDevelopment(api);
        Liaison.LiaisonModule.MapLiaison(api);
        Dashboards.DashboardsModule.MapDashboards(api);
        app.MapFeeds();
        app.MapReports(api);
        return app;
    }
}
