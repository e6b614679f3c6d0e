using SecureBase.Schools;

namespace SecureBase.Rooms;

/// <summary>Rooms in the school's words.</summary>
internal static class RoomWords
{
    public static string Kind(RoomKind k) => k switch
    {
        RoomKind.DedicatedTherapy => "Dedicated therapy room",
        RoomKind.MultiPurpose => "Multi-purpose room",
        RoomKind.Other => "Other",
    };

    public static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>"Mon 09:00–12:00, 13:00–15:00; Tue …", or "None: usable for therapy all day" when no hours are declared.</summary>
    public static string HoursSummary(Room room) =>
        room.TherapyHours.Count == 0
            ? "None declared"
            : string.Join("; ", Weekdays.Where(d => room.HoursOn(d).Any())
                .Select(d => $"{d.ToString()[..3]} {string.Join(", ", room.HoursOn(d).Select(b => $"{SchoolDates.Time(b.Start)}–{SchoolDates.Time(b.End)}"))}"));
}
