namespace SecureBase.Timetable;

public static class TimetableModule
{
    /// <summary>Weekly sessions, accepted timetables, their dated occurrences and displacements.</summary>
    public static IServiceCollection AddTimetableModule(this IServiceCollection services)
    {
        services.AddScoped<TimetableWeek>();
        services.AddScoped<OccurrencePlanner>();
        services.AddScoped<WeekInstanceBuilder>();
        services.AddScoped<TimetableProposals>();
        services.AddScoped<PlacementRules>();
        services.AddScoped<WeekRepair>();
        services.AddScoped<Common.IHandles<Caseload.EpisodeEnded>, ReleaseSlotWhenEpisodeEnds>();
        services.AddScoped<Common.IHandles<Sessions.SessionRecorded>, KeepRecordedOccurrences>();
        return services;
    }
}
