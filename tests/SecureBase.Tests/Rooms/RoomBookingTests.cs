using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Tests.Schools;
using SecureBase.Tests.Support;
using SecureBase.Timetable;
using static SecureBase.Tests.Rooms.RoomTestData;

namespace SecureBase.Tests.Rooms;

/// <summary>Booking rooms: refused plainly with nothing changed, notice over therapy hours, emergencies, one winner among simultaneous bookings, displacements.</summary>
public sealed class RoomBookingTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ABookingThatCannotBe_IsRefusedWithAClearMessage_AndNothingIsBooked(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var other = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var url = $"/api/v1/rooms/{school.RoomId}/bookings";
        var far = FarSchoolDay(app);

        async Task<string> RefusedAsync(object body, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
        {
            var response = await teacher.Http.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(status, text);
            return status == HttpStatusCode.BadRequest ? string.Join(" | ", Json.Errors(text)[field]) : text;
        }

        (await RefusedAsync(Booking(Today(app).AddDays(-1), "10:00", "11:00"), "date")).ShouldContain("is in the past: book a date from today onwards");
        (await RefusedAsync(Booking(NextSaturday(app), "10:00", "11:00"), "date")).ShouldContain("is a weekend: rooms are booked for school days");
        (await RefusedAsync(Booking(HolidayWeekday(app), "10:00", "11:00"), "date")).ShouldContain("is in the school holidays");
        // A school day ahead that the school then closes (the test calendar's own bank holiday, 3 May 2027, is a date
        // that passes: after it the message would be "in the past").
        var closed = Calendar.NextSchoolDay(far)!.Value;
        await CalendarTestData.CloseAsync(app, school, closed, ClosureKind.OtherClosure, "Polling station in the school hall");

        (await RefusedAsync(Booking(closed, "10:00", "11:00"), "date")).ShouldContain($"The school is closed on {SchoolDates.Long(closed)} (Polling station in the school hall)");
        (await RefusedAsync(Booking(far, "11:00", "10:00"), "end")).ShouldContain("The booking must end after it starts (11:00)");
        (await RefusedAsync(Booking(far, "10:00", "11:00", purpose: ""), "purpose")).ShouldContain("Enter the purpose");
        (await RefusedAsync(Booking(far, "10:00", "11:00", kind: "Party"), "kind")).ShouldContain("Choose what the room is for");
        (await RefusedAsync(new { date = "31/02/2027", start = "10", end = "11:00", kind = "Meeting", purpose = "x" }, "date")).ShouldContain("The date must be a real date");

        var stranger = await other.SignInAsync(Role.EducationStaff);
        (await stranger.Http.PostAsJsonAsync(url, Booking(far, "10:00", "11:00"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/rooms/{school.RoomId}/book")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await BookingsAsync(app, school)).ShouldBeEmpty();

        // The page says the same, in the form's words.
        var page = await teacher.SubmitAndReadAsync($"/rooms/{school.RoomId}/book",
            [Form.Field("Input.Date", Iso(NextSaturday(app))), Form.Field("Input.Start", "10:00"), Form.Field("Input.End", "11:00"), Form.Field("Input.Purpose", "Governors")]);
        page.Errors.ShouldContain(e => e.Contains("is a weekend", StringComparison.Ordinal));
        (await BookingsAsync(app, school)).ShouldBeEmpty();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BookingOverTherapyHours_NeedsNoticeAndAReason_OrIsAnEmergency(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var nest = await AddTherapyRoomAsync(app, school);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var url = $"/api/v1/rooms/{nest}/bookings";

        // Outside the therapy hours: no notice or reason asked.
        (await teacher.Http.PostAsJsonAsync(url, Booking(NextSchoolDay(app), "12:00", "13:00"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Over them, with plenty of notice: a reason is needed, nothing else.
        var noReason = await teacher.Http.PostAsJsonAsync(url, Booking(FarSchoolDay(app), "10:00", "11:00"));
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await noReason.Content.ReadAsStringAsync())["reason"].Single().ShouldContain("The Nest is protected for therapy on");
        var planned = await teacher.Http.PostAsJsonAsync(url, Booking(FarSchoolDay(app), "10:00", "11:00", reason: "The only room with a hearing loop"));
        planned.StatusCode.ShouldBe(HttpStatusCode.Created);
        var plannedDto = (await planned.Content.ReadFromJsonAsync<BookingDto>(Json.Options))!;
        (plannedDto.OverTherapyHours, plannedDto.IsEmergency).ShouldBe((true, false));
        plannedDto.NoticeSchoolDays.ShouldBeGreaterThanOrEqualTo(2);

        // With one school day's notice: only as an emergency, marked as such.
        var tomorrow = NextSchoolDay(app);
        var notEmergency = await teacher.Http.PostAsJsonAsync(url, Booking(tomorrow, "13:30", "14:00", reason: "Exam access arrangements"));
        notEmergency.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await notEmergency.Content.ReadAsStringAsync())["emergency"].Single()
            .ShouldContain("with 1 school day's notice, and the school asks for 2 school days. Book it only if it is an emergency");
        var emergency = await teacher.Http.PostAsJsonAsync(url, Booking(tomorrow, "13:30", "14:00", kind: "Exam", reason: "Exam access arrangements", emergency: true));
        emergency.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await emergency.Content.ReadFromJsonAsync<BookingDto>(Json.Options))!.IsEmergency.ShouldBeTrue();

        var page = await teacher.GetPageAsync($"/rooms/{nest}");
        page.Document.QuerySelector("#bookings")!.TextContent.ShouldContain("Emergency");
        (await BookingsAsync(app, school)).Count.ShouldBe(3);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ManyPeopleBookingTheSameRoomAndTimeAtOnce_ExactlyOneSucceeds_TheOthersAreToldPlainly(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var staff = new[] { Role.Administrator, Role.HeadOfTherapy, Role.Therapist, Role.TherapyAssistant, Role.Sendco, Role.Headteacher, Role.Dsl, Role.EducationStaff };
        var clients = new List<TestClient>();
        foreach (var role in staff)
        {
            clients.Add(await school.SignInAsync(role));
        }

        var day = FarSchoolDay(app);
        var url = $"/api/v1/rooms/{school.RoomId}/bookings";
        // Three requests each, overlapping in different ways (the same hour, a half hour inside it, one straddling its end).
        var bodies = new[] { Booking(day, "10:00", "11:00"), Booking(day, "10:30", "11:00"), Booking(day, "10:45", "11:30") };
        using var go = new ManualResetEventSlim(false);
        var tasks = clients.SelectMany((c, i) => bodies.Select((b, k) => Task.Run(async () =>
        {
            go.Wait();
            var response = await c.Http.PostAsJsonAsync(url, b);
            return (response.StatusCode, Text: await response.Content.ReadAsStringAsync());
        }))).ToList();
        go.Set();
        var results = await Task.WhenAll(tasks);

        results.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1, string.Join("\n", results.Select(r => $"{(int)r.StatusCode} {r.Text}")));
        results.Where(r => r.StatusCode != HttpStatusCode.Created).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict && r.Text.Contains("Test meeting room is already booked from"));
        var saved = await BookingsAsync(app, school);
        saved.Count.ShouldBe(1);

        // A booking next to it (not overlapping) is still fine.
        (await clients[0].Http.PostAsJsonAsync(url, Booking(day, saved[0].End.ToString("HH:mm"), "12:00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ABookerCancelsTheirOwnBooking_AnotherTeacherCannot_TheRoomsKeepersCan(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var sendco = await school.SignInAsync(Role.Sendco);
        var day = FarSchoolDay(app);
        var url = $"/api/v1/rooms/{school.RoomId}/bookings";
        var first = (await (await teacher.Http.PostAsJsonAsync(url, Booking(day, "10:00", "11:00"))).Content.ReadFromJsonAsync<BookingDto>(Json.Options))!;
        var second = (await (await teacher.Http.PostAsJsonAsync(url, Booking(day, "14:00", "15:00"))).Content.ReadFromJsonAsync<BookingDto>(Json.Options))!;

        var refused = await sendco.Http.DeleteAsync($"{url}/{first.Id}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("who made this booking");
        (await sendco.GetPageAsync($"/rooms/{school.RoomId}")).Document.QuerySelectorAll("form[action*='cancel'] button").Length.ShouldBe(0);

        // The booker cancels on the room page.
        var cancelled = await teacher.SubmitAsync($"/rooms/{school.RoomId}", [Form.Field("bookingId", first.Id.ToString())], "form[action*='cancel']");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await teacher.GetPageAsync(cancelled.Headers.Location!.OriginalString)).Text.ShouldContain("has been cancelled");
        (await sendco.Http.DeleteAsync($"{url}/{first.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await teacher.Http.DeleteAsync($"{url}/{first.Id}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The administrator cancels anyone's; the time is free again.
        (await (await school.SignInAsync(Role.Administrator)).Http.DeleteAsync($"{url}/{second.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await BookingsAsync(app, school)).ShouldBeEmpty();
        (await sendco.Http.PostAsJsonAsync(url, Booking(day, "10:00", "11:00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ABookingOverASession_DisplacesIt_AndThePractitionerIsToldAtOnce_WithoutThePurpose(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var nest = await AddTherapyRoomAsync(app, school);
        var day = FarSchoolDay(app);
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, day.DayOfWeek, new TimeOnly(10, 0), new TimeOnly(10, 45), Today(app));

        var teacher = await school.SignInAsync(Role.EducationStaff);
        var response = await teacher.Http.PostAsJsonAsync($"/api/v1/rooms/{nest}/bookings",
            Booking(day, "09:30", "11:00", purpose: "Confidential staffing meeting", reason: "Only quiet room free"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<BookingDto>(Json.Options))!.SessionsDisplaced.ShouldBe(1);

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var d = await db.Displacements.SingleAsync();
            (d.RoomId, d.Date, d.Start, d.StaffId, d.Cause, d.Outcome, d.BookedBy).ShouldBe(
                (nest, day, new TimeOnly(10, 0), school.TherapistStaffId, DisplacementCause.Meeting, DisplacementOutcome.Pending, school[Role.EducationStaff].Id));
            var expected = (SecureBase.Schools.SchoolTime.London.ToUtc(day, new TimeOnly(10, 0)) - app.Clock.GetUtcNow().UtcDateTime).TotalHours;
            d.NoticeHours.ShouldBeInRange((int)expected - 1, (int)expected);
        }

        var therapist = await school.SignInAsync(Role.Therapist);
        var notifications = await therapist.GetPageAsync("/notifications");
        notifications.Text.ShouldContain($"The Nest has been booked for a meeting on {SecureBase.Schools.SchoolDates.Long(day)}, 09:30–11:00");
        notifications.Text.ShouldContain("Your session there at 10:00–10:45 cannot happen in that room");
        notifications.Text.ShouldNotContain("Confidential staffing meeting");
        notifications.Text.ShouldNotContain(school.PupilLastName);
        (await (await school.SignInAsync(Role.HeadOfTherapy)).GetPageAsync("/notifications")).Text.ShouldContain("1 session displaced from The Nest");

        // Booking the same room at another time that day displaces nothing more.
        (await teacher.Http.PostAsJsonAsync($"/api/v1/rooms/{nest}/bookings", Booking(day, "15:00", "16:00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Displacements.CountAsync()).ShouldBe(1);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CancellingABookingThatDisplacedASession_GivesTheRoomBack_AndThePractitionerIsToldItGoesAhead(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var nest = await AddTherapyRoomAsync(app, school);
        var day = FarSchoolDay(app);
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, day.DayOfWeek, new TimeOnly(10, 0), new TimeOnly(10, 45), Today(app));
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var booked = await teacher.Http.PostAsJsonAsync($"/api/v1/rooms/{nest}/bookings", Booking(day, "09:30", "11:00", reason: "Only quiet room free"));
        var booking = (await booked.Content.ReadFromJsonAsync<BookingDto>(Json.Options))!;
        booking.SessionsDisplaced.ShouldBe(1);

        (await teacher.Http.DeleteAsync($"/api/v1/rooms/{nest}/bookings/{booking.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var d = await db.Displacements.SingleAsync();
            d.Outcome.ShouldBe(DisplacementOutcome.RoomGivenBack, "kept as evidence of the attempt, but nothing waits to be moved");
            d.ResolvedAt.ShouldNotBeNull();
            (await db.SessionOccurrences.SingleAsync(o => o.Date == day)).RoomId.ShouldBe(nest, "the session stays in its room");
        }

        var therapist = await school.SignInAsync(Role.Therapist);
        var told = (await therapist.GetPageAsync("/notifications")).Text;
        told.ShouldContain("The Nest is free again on");
        told.ShouldContain("Your session there at 10:00–10:45 can go ahead in The Nest as planned.");
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.GetPageAsync("/notifications")).Text.ShouldContain("1 session goes ahead");
        (await hot.GetPageAsync($"/rooms/displacements?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).Text.ShouldContain("Room given back (booking cancelled)");
    }

    [Theory, OnSqlite]
    public async Task TheTimetableSees_BookingsAndTherapyHours(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var nest = await AddTherapyRoomAsync(app, school);
        var day = FarSchoolDay(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.Http.PostAsJsonAsync($"/api/v1/rooms/{school.RoomId}/bookings", Booking(day, "10:00", "11:00"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var times = scope.ServiceProvider.GetServices<IRoomTimes>().Single();
        (await times.TakenAsync(day, day)).ShouldBe([new RoomTaken(school.RoomId, day, new TimeOnly(10, 0), new TimeOnly(11, 0))]);
        (await times.TakenAsync(day.AddDays(1), day.AddDays(7))).ShouldBeEmpty();
        var hours = await times.TherapyHoursAsync();
        hours.Count.ShouldBe(10);
        hours.ShouldContain(new RoomHours(nest, DayOfWeek.Monday, new TimeOnly(13, 0), new TimeOnly(15, 0)));
        hours.ShouldNotContain(h => h.RoomId == school.RoomId, "a room with no hours declared is usable all day");
    }

    private static async Task<List<RoomBooking>> BookingsAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().RoomBookings.Where(b => b.CancelledAt == null).ToListAsync();
    }
}
