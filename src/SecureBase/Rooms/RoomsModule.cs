using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Rooms;

public static class RoomsModule
{
    /// <summary>Rooms, their protected therapy hours, room bookings, displacements and the door timetable.</summary>
    public static IServiceCollection AddRoomsModule(this IServiceCollection services)
    {
        services.AddScoped<RoomRecords>();
        services.AddScoped<RoomBookings>();
        services.AddScoped<RoomDisplacer>();
        services.AddScoped<DisplacementReport>();
        services.AddScoped<ITherapySpaces, TherapySpaces>();
        services.AddScoped<Timetable.IRoomTimes, RoomTimes>();
        services.AddScoped<Common.IHandles<RoomBookingCancelled>, GiveRoomBack>();
        return services;
    }

    /// <summary>Downloads that are not pages: the displacement analytics as CSV (?from=yyyy-MM-dd&amp;to=yyyy-MM-dd; columns in the README).</summary>
    public static IEndpointRouteBuilder MapRoomsDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/rooms/displacements.csv", async (string? from, string? to, DisplacementReport report, SecureBaseDb db, Schools.SchoolClock clock, CancellationToken ct) =>
            {
                var (first, last, _) = await DisplacementsModel.PeriodAsync(db, clock, from, to, ct);
                var summary = await report.BetweenAsync(first, last, ct);
                return TypedResults.File(DisplacementReport.ToCsv(summary), "text/csv; charset=utf-8", $"displacements-{first:yyyy-MM-dd}-to-{last:yyyy-MM-dd}.csv");
            })
            .Permits(SchoolAction.ViewDisplacements)
            .ExcludeFromDescription();
        return app;
    }
}
