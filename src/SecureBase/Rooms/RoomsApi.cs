using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Rooms;

internal sealed record TherapyBlockDto(DayOfWeek Day, TimeOnly Start, TimeOnly End);

internal sealed record RoomDto(RoomId Id, SiteId SiteId, string SiteName, string Name, RoomKind Kind, IReadOnlyList<RoomFeature> Features, IReadOnlyList<string> Equipment,
    bool HasSecureStorage, int? Capacity, IReadOnlyList<TherapyBlockDto> TherapyHours);

internal sealed record BookingDto(RoomBookingId Id, RoomId RoomId, DateOnly Date, TimeOnly Start, TimeOnly End, BookingKind Kind, string Purpose, string? Reason,
    bool OverTherapyHours, bool IsEmergency, int NoticeSchoolDays, string BookedByName, DateTime BookedAt, int SessionsDisplaced);

/// <summary>Rooms and bookings over the API: the same rules and messages as the pages.</summary>
public static class RoomsApi
{
    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder api)
    {
        var rooms = api.MapGroup("/rooms").WithTags("Rooms");
        rooms.MapGet("/", ListAsync).Permits(SchoolAction.ViewRooms)
            .WithName("ListRooms")
            .WithSummary("The school's rooms with their site, kind, features, equipment, secure storage, capacity and protected therapy hours");
        rooms.MapGet("/{roomId:guid}", GetAsync).Permits(SchoolAction.ViewRooms)
            .WithName("GetRoom")
            .WithSummary("One room");
        rooms.MapPost("/", CreateAsync).Permits(SchoolAction.ManageRooms)
            .JsonBody<RoomInput>()
            .WithName("AddRoom")
            .WithSummary("Add a room")
            .WithDescription("kind: DedicatedTherapy, MultiPurpose or Other; features: Sink, SandTray, SensoryEquipment, Soundproofing, StepFree; " +
                             "therapyHours: [{day: \"Monday\", start: \"09:00\", end: \"12:00\"}], weekdays only, within 06:00–21:00, not overlapping. The name is unique in the school.");
        rooms.MapPut("/{roomId:guid}", UpdateAsync).Permits(SchoolAction.ManageRooms)
            .JsonBody<RoomInput>()
            .WithName("ChangeRoom")
            .WithSummary("Change a room and its therapy hours (all fields, as for adding)");
        rooms.MapGet("/{roomId:guid}/bookings", BookingsAsync).Permits(SchoolAction.ViewRooms)
            .WithName("ListRoomBookings")
            .WithSummary("The room's bookings from a date to a date (?from=yyyy-MM-dd&to=yyyy-MM-dd; today and four weeks on when left out)");
        rooms.MapPost("/{roomId:guid}/bookings", BookAsync).Permits(SchoolAction.BookRooms)
            .JsonBody<BookingInput>()
            .WithName("BookRoom")
            .WithSummary("Book the room for another use")
            .WithDescription("kind: Meeting, Exam, Interview, Maintenance or Other; date yyyy-MM-dd, start and end HH:mm. Over protected therapy hours a reason is needed, " +
                             "and with less notice than the school asks (school days) emergency: true. 409 when the room is already booked then; nothing is changed on any refusal.");
        rooms.MapDelete("/{roomId:guid}/bookings/{bookingId:guid}", CancelAsync).Permits(SchoolAction.BookRooms)
            .WithName("CancelRoomBooking")
            .WithSummary("Cancel a booking: one's own, or any for the administrator and the head of therapy");
        return api;
    }

    private static async Task<IReadOnlyList<RoomDto>> ListAsync(RoomRecords records, CancellationToken ct) =>
        (await records.ListAsync(ct)).Select(ToDto).ToList();

    private static async Task<IResult> GetAsync(Guid roomId, RoomRecords records, CancellationToken ct) =>
        await records.FindAsync(RoomId.From(roomId), ct) is { } row ? TypedResults.Ok(ToDto(row)) : NotFound();

    private static async Task<IResult> CreateAsync(HttpRequest request, RoomRecords records, CancellationToken ct)
    {
        var (read, details, problem) = await ReadAsync(request, (RoomInput i) => i.ToDetails(), ct);
        if (!read)
        {
            return problem;
        }

        var room = await records.CreateAsync(details, ct);
        return room.IsSuccess
            ? TypedResults.Created($"/api/v1/rooms/{room.Value.Id}", ToDto((await records.FindAsync(room.Value.Id, ct))!))
            : room.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateAsync(Guid roomId, HttpRequest request, RoomRecords records, CancellationToken ct)
    {
        var id = RoomId.From(roomId);
        if (await records.FindAsync(id, ct) is null)
        {
            return NotFound();
        }

        var (read, details, problem) = await ReadAsync(request, (RoomInput i) => i.ToDetails(), ct);
        if (!read)
        {
            return problem;
        }

        var room = await records.UpdateAsync(id, details, ct);
        return room.IsSuccess ? TypedResults.Ok(ToDto((await records.FindAsync(id, ct))!)) : room.Error!.ToProblem();
    }

    private static async Task<IResult> BookingsAsync(Guid roomId, string? from, string? to, RoomRecords records, RoomBookings bookings, Schools.SchoolClock schoolClock, CancellationToken ct)
    {
        var id = RoomId.From(roomId);
        if (await records.FindAsync(id, ct) is null)
        {
            return NotFound();
        }

        var today = schoolClock.Today;
        var first = today;
        var last = today.AddDays(28);
        if (!string.IsNullOrWhiteSpace(from) && !SchoolDates.TryParseDate(from, out first))
        {
            return new Error.Validation("from", "from must be a real date, written like 2026-12-07").ToProblem();
        }

        if (!string.IsNullOrWhiteSpace(to) && !SchoolDates.TryParseDate(to, out last))
        {
            return new Error.Validation("to", "to must be a real date, written like 2026-12-18").ToProblem();
        }

        if (last < first || last.DayNumber - first.DayNumber > 366)
        {
            return new Error.Validation("to", "to must be on or after from, and at most a year later").ToProblem();
        }

        var list = await bookings.ForRoomAsync(id, first, last, ct);
        return TypedResults.Ok(list.Select(b => ToDto(b, 0)).ToList());
    }

    private static async Task<IResult> BookAsync(Guid roomId, HttpRequest request, RoomRecords records, RoomBookings bookings, RoomDisplacer displacer, CancellationToken ct)
    {
        var id = RoomId.From(roomId);
        if (await records.FindAsync(id, ct) is null)
        {
            return NotFound();
        }

        var (read, booking, problem) = await ReadAsync(request, (BookingInput i) => i.ToRequest(), ct);
        if (!read)
        {
            return problem;
        }

        var made = await bookings.BookAsync(id, booking, ct);
        return made.IsSuccess
            ? TypedResults.Created($"/api/v1/rooms/{id}/bookings", ToDto(made.Value, displacer.LastDisplaced))
            : made.Error!.ToProblem();
    }

    private static async Task<IResult> CancelAsync(Guid roomId, Guid bookingId, RoomBookings bookings, CancellationToken ct)
    {
        var cancelled = await bookings.CancelAsync(RoomId.From(roomId), RoomBookingId.From(bookingId), ct);
        return cancelled.IsSuccess ? TypedResults.NoContent() : cancelled.Error!.ToProblem();
    }

    private static async Task<(bool Ok, T Value, IResult Problem)> ReadAsync<TInput, T>(HttpRequest request, Func<TInput, Result<T>> convert, CancellationToken ct)
        where TInput : class
    {
        var (input, unreadable) = await request.ReadJsonAsync<TInput>(ct);
        if (input is null)
        {
            return (false, default!, unreadable!);
        }

        var errors = InputRules.Check(input);
        var parsed = errors.Count > 0 ? new Error.Validation(errors) : convert(input);
        return parsed.IsSuccess ? (true, parsed.Value, null!) : (false, default!, parsed.Error!.ToProblem());
    }

    private static IResult NotFound() => new Error.NotFound("That room was not found.").ToProblem();

    internal static RoomDto ToDto(RoomRow row) => new(row.Room.Id, row.Room.SiteId, row.SiteName, row.Room.Name, row.Room.Kind, row.Room.Features, row.Room.Equipment,
        row.Room.HasSecureStorage, row.Room.Capacity, row.Room.TherapyHours.Select(b => new TherapyBlockDto(b.Day, b.Start, b.End)).ToList());

    internal static BookingDto ToDto(RoomBooking b, int displaced) => new(b.Id, b.RoomId, b.Date, b.Start, b.End, b.Kind, b.Purpose, b.Reason, b.OverTherapyHours, b.IsEmergency,
        b.NoticeSchoolDays, b.BookedByName, b.BookedAt, displaced);
}
