namespace SecureBase.Caseload;

public static class CaseloadModule
{
    /// <summary>Episodes of therapy, caseloads, the weekly MDT meeting and allocation.</summary>
    public static IServiceCollection AddCaseloadModule(this IServiceCollection services)
    {
        services.AddScoped<MdtMeetings>();
        services.AddScoped<AllocationDesk>();
        services.AddScoped<Caseloads>();
        services.AddScoped<IEpisodeCounts, EpisodeCounts>();

        // The 12-week cycle on an episode (Caseload/Cycle).
        services.AddScoped<EpisodeCycles>();
        services.AddScoped<Web.IHomeTasks, CycleHomeTasks>();
        services.AddScoped<IMdtAgendaSource, CycleAgendaSource>();
        services.AddScoped<Common.IHandles<EpisodeEnded>, TellWhenEpisodeEnds>();

        // Classroom strategies and what teachers see (Caseload/Classroom).
        services.AddScoped<ClassroomDesk>();
        return services;
    }
}
