namespace SecureBase.Rooms;

public static class RoomsModule
{
    /// <summary>Rooms, their protected therapy hours, room bookings, displacements and the door timetable.</summary>
    public static IServiceCollection AddRoomsModule(this IServiceCollection services)
    {
        services.AddScoped<RoomRecords>();
        services.AddScoped<RoomBookings>();
        services.AddScoped<RoomDisplacer>();
        services.AddScoped<Timetable.IRoomTimes, RoomTimes>();
        return services;
    }

    /// <summary>Downloads that are not pages: the displacement analytics as CSV.</summary>
    public static IEndpointRouteBuilder MapRoomsDownloads(this IEndpointRouteBuilder app) => app;
}
