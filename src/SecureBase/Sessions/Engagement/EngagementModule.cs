using SecureBase.Caseload;
using SecureBase.Common;

namespace SecureBase.Sessions;

public static class EngagementModule
{
    /// <summary>The 6-week disengagement rule: the recount after each session, its messages, its MDT items and its settings.</summary>
    public static IServiceCollection AddEngagement(this IServiceCollection services)
    {
        services.AddScoped<EngagementAlerts>();
        services.AddScoped<IHandles<SessionRecorded>, DisengagementRule>();
        services.AddScoped<IMdtAgendaSource, NearingDisengagementAgenda>();
        services.AddScoped<EngagementPages>();
        return services;
    }
}
