namespace SecureBase.Caseload;

public static class CaseloadModule
{
    /// <summary>Episodes of therapy, caseloads, the weekly MDT meeting and allocation.</summary>
    public static IServiceCollection AddCaseloadModule(this IServiceCollection services)
    {
        services.AddScoped<MdtMeetings>();
        services.AddScoped<AllocationDesk>();
        services.AddScoped<Caseloads>();
        return services;
    }
}
