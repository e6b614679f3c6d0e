using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Timetable;

namespace SecureBase.Demo;

/// <summary>
/// Gives a demo school an accepted timetable made by the same proposal code the Head of Therapy
/// uses (every open episode's weekly session placed by the scheduler), in force from the Monday of
/// the current school week, so every demo practitioner with a caseload has sessions this week.
/// </summary>
internal static class DemoTimetable
{
    public static async Task SeedAsync(SecureBaseDb db, IEnumerable<IRoomTimes> roomTimes, TimeProvider clock, DateOnly today, DateTime now, CancellationToken ct)
    {
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var week = calendar.WeekOf(today) is { SchoolDays.Count: > 0 } w ? w : calendar.SchoolWeeksBetween(today, today.AddDays(120)).FirstOrDefault();
        if (week is null)
        {
            return;
        }

        // With the rooms' bookings and protected therapy hours, as the Head of Therapy's proposal is made.
        var builder = new WeekInstanceBuilder(db, roomTimes);
        var planner = new OccurrencePlanner(db);
        var proposal = await new TimetableProposals(db, builder, planner, clock, new Schools.SchoolClock(db.SchoolContext, clock)).ProposeAsync(week.Monday, TimeSpan.FromSeconds(2), ct);
        var version = TimetableVersion.Accept(db.CurrentSchoolId, null, week.Monday,
            proposal.Placed.Select(p => new PlacementDetails(p.SessionId, p.Day, p.PeriodId, p.Start, p.End, p.RoomId)), null, now);
        if (version.IsSuccess)
        {
            await planner.ApplyAsync(version.Value, week.Monday, ct);
        }
    }
}
