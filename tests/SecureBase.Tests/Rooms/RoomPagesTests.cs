using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Rooms;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Rooms;

/// <summary>Rooms and their therapy hours: kept by the administrator and the head of therapy, read by every member of staff, refused with clear messages.</summary>
public sealed class RoomPagesTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheAdministratorAddsARoomWithTherapyHours_AndEveryMemberOfStaffCanReadIt(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);

        var response = await admin.SubmitAsync("/rooms/new",
        [
            Form.Field("Input.Name", "The Nest"),
            Form.Field("Input.SiteId", school.SiteId.ToString()),
            Form.Field("Input.Kind", "DedicatedTherapy"),
            Form.Field("Input.Capacity", "4"),
            Form.Field("Input.Features", "Sink"),
            Form.Field("Input.Features", "SandTray"),
            Form.Field("Input.Equipment", "Puppets"),
            Form.Field("Input.Equipment", "Worry teddies"),
            Form.Field("Input.OtherEquipment", "Sand tray figures\nWeighted blanket"),
            Form.Field("Input.HasSecureStorage", "true"),
            Form.Field("Input.TherapyHours[0].Start", "09:00"),
            Form.Field("Input.TherapyHours[0].End", "12:00"),
            Form.Field("Input.TherapyHours[1].Start", "13:00"),
            Form.Field("Input.TherapyHours[1].End", "15:00"),
        ]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, string.Join(" | ", (await TestClient.ReadAsync(response)).Errors));
        var roomUrl = response.Headers.Location!.OriginalString;

        var teacher = await school.SignInAsync(Role.EducationStaff);
        var page = await teacher.GetPageAsync(roomUrl);
        page.Title.ShouldContain("The Nest");
        var details = page.Document.QuerySelector("#room-details")!.TextContent;
        details.ShouldContain("Dedicated therapy room");
        details.ShouldContain("4 people");
        details.ShouldContain("sink, sand tray");
        details.ShouldContain("Puppets, Worry teddies, Sand tray figures, Weighted blanket");
        page.Document.QuerySelector("#therapy-hours")!.TextContent.ShouldContain("09:00–12:00, 13:00–15:00");
        page.Document.QuerySelector("a[href$='/edit']").ShouldBeNull("a teacher reads rooms but does not keep them");

        var list = await teacher.GetPageAsync("/rooms");
        list.Document.QuerySelector("#rooms")!.TextContent.ShouldContain("Mon 09:00–12:00, 13:00–15:00");
        (await teacher.GetAsync("/rooms/new")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await school.SignInAsync(Role.ParentCarer)).GetAsync("/rooms")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The head of therapy changes it.
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.SubmitAsync(roomUrl + "/edit", [Form.Field("Input.Capacity", "6")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await teacher.GetPageAsync(roomUrl)).Document.QuerySelector("#room-details")!.TextContent.ShouldContain("6 people");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BadTherapyHours_AndADuplicateName_AreRefusedWithClearMessages_AndNothingChanges(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var before = await CountAsync(app, school);

        async Task<string> RefusedAsync(params KeyValuePair<string, string>[] fields)
        {
            KeyValuePair<string, string>[] defaults = [Form.Field("Input.Name", "Quiet room"), Form.Field("Input.SiteId", school.SiteId.ToString())];
            var page = await admin.SubmitAndReadAsync("/rooms/new", [.. defaults.Where(d => !fields.Any(f => f.Key == d.Key)), .. fields]);
            page.Status.ShouldBe(HttpStatusCode.OK, $"{string.Join(", ", fields.Select(f => $"{f.Key}={f.Value}"))} was accepted: {page.Response.Headers.Location}");
            return string.Join(" | ", page.Errors);
        }

        (await RefusedAsync(Form.Field("Input.TherapyHours[0].Start", "12:00"), Form.Field("Input.TherapyHours[0].End", "09:00")))
            .ShouldContain("The Monday block from 12:00 must end after it starts");
        (await RefusedAsync(Form.Field("Input.TherapyHours[0].Start", "09:00"), Form.Field("Input.TherapyHours[0].End", "12:00"),
                Form.Field("Input.TherapyHours[1].Start", "11:00"), Form.Field("Input.TherapyHours[1].End", "13:00")))
            .ShouldContain("On Monday, 09:00–12:00 and 11:00–13:00 overlap");
        (await RefusedAsync(Form.Field("Input.TherapyHours[3].Start", "05:00"), Form.Field("Input.TherapyHours[3].End", "07:00")))
            .ShouldContain("must be within the school day, 06:00 to 21:00");
        (await RefusedAsync(Form.Field("Input.TherapyHours[0].Start", "09:00")))
            .ShouldContain("The Monday block needs a start and an end time");
        (await RefusedAsync(Form.Field("Input.Capacity", "lots"))).ShouldContain("The capacity is not in the right form");
        (await RefusedAsync(Form.Field("Input.Name", "Test MEETING room"))).ShouldContain("The school already has a room called Test MEETING room");
        (await RefusedAsync(Form.Field("Input.Name", ""))).ShouldContain("Enter the room's name");
        (await CountAsync(app, school)).ShouldBe(before);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheApi_AddsAndChangesRooms_WithTheFormsRules_AndAnotherSchoolsRoomIsNotFound(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var other = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);

        var created = await hot.Http.PostAsJsonAsync("/api/v1/rooms", new
        {
            siteId = school.SiteId.ToString(), name = "Art room", kind = "MultiPurpose", features = new[] { "Sink" }, equipment = new[] { "Therapeutic putty" },
            hasSecureStorage = true, capacity = 8,
            therapyHours = new[] { new { day = "Wednesday", start = "13:00", end = "15:30" } },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var room = (await created.Content.ReadFromJsonAsync<RoomDto>(Json.Options))!;
        (room.Name, room.Kind, room.Capacity, room.HasSecureStorage, room.SiteName).ShouldBe(("Art room", RoomKind.MultiPurpose, 8, true, "Main site"));
        room.TherapyHours.ShouldBe([new TherapyBlockDto(DayOfWeek.Wednesday, new TimeOnly(13, 0), new TimeOnly(15, 30))]);

        var overlap = await hot.Http.PutAsJsonAsync($"/api/v1/rooms/{room.Id}", new
        {
            siteId = school.SiteId.ToString(), name = "Art room", kind = "MultiPurpose",
            therapyHours = new[] { new { day = "Wednesday", start = "13:00", end = "15:30" }, new { day = "Wednesday", start = "15:00", end = "16:00" } },
        });
        overlap.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await overlap.Content.ReadAsStringAsync())["therapyHours"].Single().ShouldContain("overlap");
        var saturday = await hot.Http.PutAsJsonAsync($"/api/v1/rooms/{room.Id}", new
        {
            siteId = school.SiteId.ToString(), name = "Art room", kind = "MultiPurpose", therapyHours = new[] { new { day = "Saturday", start = "10:00", end = "11:00" } },
        });
        saturday.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await hot.GetJsonAsync<RoomDto>($"/api/v1/rooms/{room.Id}"))!.TherapyHours.Count.ShouldBe(1, "a refused change changes nothing");

        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.GetJsonAsync<List<RoomDto>>("/api/v1/rooms"))!.Select(r => r.Name).ShouldBe(["Art room", "Test meeting room"]);
        (await teacher.Http.PostAsJsonAsync("/api/v1/rooms", new { name = "Mine" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var stranger = await other.SignInAsync(Role.HeadOfTherapy);
        (await stranger.GetAsync($"/api/v1/rooms/{room.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/rooms/{room.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.Http.PutAsJsonAsync($"/api/v1/rooms/{room.Id}", new { siteId = other.SiteId.ToString(), name = "Taken", kind = "Other" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetJsonAsync<List<RoomDto>>("/api/v1/rooms"))!.ShouldNotContain(r => r.Name == "Art room");
    }

    [Theory, OnSqlite]
    public async Task TheAdministratorSetsTheNotice_OnThePage(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        (await admin.GetPageAsync("/rooms")).Document.QuerySelector("#notice-days")!.TextContent.ShouldBe("2 school days");

        (await admin.SubmitAndReadAsync("/rooms/settings", [Form.Field("NoticeDays", "twenty")])).Errors.ShouldContain("The notice must be a whole number of school days, for example 2");
        (await admin.SubmitAndReadAsync("/rooms/settings", [Form.Field("NoticeDays", "40")])).Errors.ShouldContain("The notice must be a number of school days from 0 to 20");
        (await admin.SubmitAsync("/rooms/settings", [Form.Field("NoticeDays", "3")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await school.SignInAsync(Role.EducationStaff)).GetPageAsync("/rooms")).Document.QuerySelector("#notice-days")!.TextContent.ShouldBe("3 school days");
        (await (await school.SignInAsync(Role.EducationStaff)).GetAsync("/rooms/settings")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<int> CountAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Rooms.CountAsync();
    }
}
