namespace SecureBase.Sessions;

public static class SessionsModule
{
    /// <summary>Therapy sessions with attendance, engagement and confidential notes, and the 6-week disengagement rule.</summary>
    public static IServiceCollection AddSessionsModule(this IServiceCollection services)
    {
        services.AddEngagement();
        // Recording sessions, what families and pupils see of them, and EHCP delivery (issue 11, sessions).
        services.AddScoped<SessionDesk>();
        services.AddScoped<DeliveredSessions>();
        services.AddScoped<IAttendanceTallies, AttendanceTallies>();
        services.AddScoped<SessionViews>();
        services.AddScoped<Caseload.IMdtAgendaSource, EhcpShortfallAgenda>();
        Notes.NotesModule.AddSessionNotes(services);
        return services;
    }
}
