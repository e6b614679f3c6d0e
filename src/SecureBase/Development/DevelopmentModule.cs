namespace SecureBase.Development;

public static class DevelopmentModule
{
    /// <summary>Staff development and supervision (C12): supervision and its overdue flags, requests for supervision; CPD and training delivered to staff; registration renewal reminders and whether a practitioner may practise.</summary>
    public static IServiceCollection AddDevelopmentModule(this IServiceCollection services)
    {
        services.AddScoped<SupervisionDesk>();
        services.AddScoped<CpdDesk>();
        services.AddScoped<ISupervisionSummary, SupervisionSummary>();
        services.AddScoped<IPractitionerStanding, PractitionerStanding>();
        services.AddScoped<RegistrationReminders>();
        services.AddScoped<LoneWorkingDesk>();
        services.AddScoped<Web.IHomeTasks, LoneWorkingHomeTasks>();
        services.AddHostedService<RegistrationReminderSchedule>();
        services.AddScoped<Web.IHomeTasks, SupervisionHomeTasks>();
        services.AddScoped<Web.IHomeTasks, SupervisionRequestHomeTasks>();
        return services;
    }

    /// <summary>The module's API under /api/v1.</summary>
    public static IEndpointRouteBuilder MapDevelopment(IEndpointRouteBuilder api) => DevelopmentApi.Map(api);
}
