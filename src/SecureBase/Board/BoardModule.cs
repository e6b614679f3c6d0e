namespace SecureBase.Board;

public static class BoardModule
{
    /// <summary>Where is my practitioner: the board, practitioners' own status, the pupil's view and the pupil's voice about the room.</summary>
    public static IServiceCollection AddBoardModule(this IServiceCollection services)
    {
        services.AddScoped<PractitionerBoard>();
        services.AddScoped<OwnStatus>();
        services.AddScoped<RoomVoices>();
        return services;
    }
}
