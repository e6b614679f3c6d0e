namespace SecureBase.Sessions;

public static class SessionsModule
{
    /// <summary>Therapy sessions with attendance, engagement and confidential notes, and the 6-week disengagement rule.</summary>
    public static IServiceCollection AddSessionsModule(this IServiceCollection services)
    {
        Notes.NotesModule.AddSessionNotes(services);
        return services;
    }
}
