using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Timetable;

namespace SecureBase.Rooms;

/// <summary>Who works in a therapy block: a practitioner's name and discipline, never a pupil.</summary>
public sealed record DoorPractitioner(string Name, Discipline Discipline);

/// <summary>One row of the door timetable: a day's protected block (or therapy outside the blocks) and who works there then.</summary>
public sealed record DoorBlock(DateOnly Date, TimeOnly Start, TimeOnly End, bool IsProtected, IReadOnlyList<DoorPractitioner> Practitioners);

/// <summary>
/// The printable A4 door timetable of a room: this school week's therapy blocks and which
/// practitioners work there in each (from the timetable), with the line asking colleagues for notice.
/// Names practitioners and their discipline only: never a pupil.
/// </summary>
[Permits(SchoolAction.ViewRooms)]
public sealed class DoorTimetableModel(RoomRecords records, TimetableWeek timetable, SecureBaseDb db, Schools.SchoolClock schoolClock) : PageModel
{
    public RoomRow Row { get; private set; } = null!;
    public SchoolWeek? Week { get; private set; }
    public IReadOnlyList<DoorBlock> Blocks { get; private set; } = [];
    public int NoticeDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(RoomId roomId)
    {
        var ct = HttpContext.RequestAborted;
        if (await records.FindAsync(roomId, ct) is not { } row)
        {
            return NotFound();
        }

        Row = row;
        NoticeDays = await records.NoticeDaysAsync(ct);
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var today = schoolClock.Today;
        // In a holiday, the next school week: the sheet goes on the door before term starts.
        Week = calendar.WeekOf(today) ?? (calendar.NextSchoolDay(today) is { } next ? calendar.WeekOf(next) : null);
        if (Week is null)
        {
            return Page();
        }

        var sessions = await timetable.BetweenAsync(Week.Monday, Week.Friday, new OccurrenceFilter(Room: roomId), ct);
        var blocks = new List<DoorBlock>();
        foreach (var day in Week.SchoolDays)
        {
            var onDay = sessions.Where(s => s.Date == day).ToList();
            var covered = new HashSet<Timetable.OccurrenceId>();
            foreach (var block in row.Room.HoursOn(day.DayOfWeek))
            {
                var inBlock = onDay.Where(s => s.Start < block.End && block.Start < s.End).ToList();
                covered.UnionWith(inBlock.Select(s => s.Id));
                blocks.Add(new DoorBlock(day, block.Start, block.End, true, Practitioners(inBlock)));
            }

            // Therapy outside the protected blocks still shows, so the sheet says who is in the room.
            foreach (var group in onDay.Where(s => !covered.Contains(s.Id)).GroupBy(s => (s.Start, s.End)).OrderBy(g => g.Key.Start))
            {
                blocks.Add(new DoorBlock(day, group.Key.Start, group.Key.End, false, Practitioners(group)));
            }
        }

        Blocks = blocks.OrderBy(b => b.Date).ThenBy(b => b.Start).ToList();
        return Page();
    }

    private static List<DoorPractitioner> Practitioners(IEnumerable<OccurrenceView> sessions) =>
        sessions.Select(s => new DoorPractitioner(s.StaffName, s.Discipline)).Distinct().OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
}
