using Microsoft.Extensions.DependencyInjection;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Rooms;
using SecureBase.Staff;
using SecureBase.Timetable;

namespace SecureBase.Tests.Support;

/// <summary>What <see cref="TimetableData.PlaceAsync"/> made: the weekly session and the accepted version.</summary>
public sealed record PlacedSession(WeeklySessionId SessionId, TimetableVersionId VersionId, RoomId RoomId);

/// <summary>Puts a weekly session on a test school's timetable, with its dated occurrences, for tests of what reads it.</summary>
public static class TimetableData
{
    /// <summary>A room at the school's site (dedicated therapy room unless said otherwise).</summary>
    public static async Task<RoomId> AddRoomAsync(TestApp app, TestSchool school, string? name = null, RoomKind kind = RoomKind.DedicatedTherapy)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var room = Room.Create(school.Id, school.SiteId, name ?? "Room " + TestSchool.Letters(6), kind, [RoomFeature.StepFree], [], secureStorage: false);
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    }

    /// <summary>
    /// A weekly session of <paramref name="staff"/> with <paramref name="pupils"/> on <paramref name="day"/>
    /// from <paramref name="start"/> to <paramref name="end"/> in <paramref name="room"/>, in a new timetable
    /// version from <paramref name="from"/>; the occurrences are generated for the school's calendar.
    /// </summary>
    public static async Task<PlacedSession> PlaceAsync(TestApp app, TestSchool school, StaffId staff, IReadOnlyList<PupilId> pupils, RoomId room,
        DayOfWeek day, TimeOnly start, TimeOnly end, DateOnly from, Discipline discipline = Discipline.Counselling)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var session = WeeklySession.ForEpisode(school.Id, school.SiteId, staff, discipline, pupils[0], EpisodeId.New(), []);
        foreach (var pupil in pupils.Skip(1))
        {
            session.AddPupil(pupil, EpisodeId.New(), school.SiteId).IsSuccess.ShouldBeTrue();
        }

        db.WeeklySessions.Add(session);
        await db.SaveChangesAsync();

        var planner = scope.ServiceProvider.GetRequiredService<OccurrencePlanner>();
        var current = await planner.LatestAsync();
        var keep = current?.Placements.Select(p => new PlacementDetails(p.SessionId, p.Day, p.PeriodId, p.Start, p.End, p.RoomId)) ?? [];
        var version = TimetableVersion.Accept(school.Id, current, from, [.. keep, new PlacementDetails(session.Id, day, null, start, end, room)], null, app.Clock.GetUtcNow().UtcDateTime).Value;
        await planner.ApplyAsync(version, from);
        return new PlacedSession(session.Id, version.Id, room);
    }
}
