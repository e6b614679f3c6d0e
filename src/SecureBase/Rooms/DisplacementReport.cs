using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Imports;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Timetable;

namespace SecureBase.Rooms;

/// <summary>One displaced session as the analytics show it: where, when, who works there, why, how much notice and what happened. Never a pupil.</summary>
public sealed record DisplacementLine(
    Displacement Displacement,
    string RoomName,
    string PractitionerName,
    Discipline? Discipline,
    string BookedByName,
    string? MovedToRoomName,
    DateOnly Week);

/// <summary>A count under a label, for one bar of a chart and one row of its table.</summary>
public sealed record Bar(string Label, int Count);

/// <summary>The displacements between two dates and their breakdowns.</summary>
public sealed record DisplacementSummary(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<DisplacementLine> Lines,
    IReadOnlyList<Bar> ByCause,
    IReadOnlyList<Bar> ByRoom,
    IReadOnlyList<Bar> ByWeek,
    IReadOnlyList<Bar> ByNotice,
    IReadOnlyList<Bar> ByOutcome)
{
    public int Abandoned => Lines.Count(l => l.Displacement.Outcome == DisplacementOutcome.Abandoned);
    public int Pending => Lines.Count(l => l.Displacement.Outcome == DisplacementOutcome.Pending);
}

/// <summary>
/// Displacement analytics for the head of therapy and the headteacher: by cause, room, week, notice
/// given and what happened, and the CSV export. Names practitioners and bookers (staff), never pupils.
/// </summary>
public sealed class DisplacementReport(SecureBaseDb db)
{
    /// <summary>The CSV's columns, in order (documented in the README).</summary>
    public static readonly string[] CsvColumns =
    [
        "date", "start", "end", "week_beginning", "room", "practitioner", "discipline", "cause", "notice_hours", "notice",
        "booked_by", "outcome", "moved_to_room", "moved_to_date", "moved_to_start", "recorded_at_utc", "resolved_at_utc",
    ];

    public static string CauseName(DisplacementCause c) => c switch
    {
        DisplacementCause.Meeting => "Meeting",
        DisplacementCause.Exam => "Exam",
        DisplacementCause.OtherUse => "Other use (interview)",
        DisplacementCause.Maintenance => "Maintenance",
        DisplacementCause.Other => "Other",
    };

    public static string OutcomeName(DisplacementOutcome o) => o switch
    {
        DisplacementOutcome.Pending => "Not yet moved",
        DisplacementOutcome.MovedRoom => "Moved to another room",
        DisplacementOutcome.MovedTime => "Moved to another time",
        DisplacementOutcome.Abandoned => "Abandoned",
        DisplacementOutcome.RoomGivenBack => "Room given back (booking cancelled)",
    };

    /// <summary>The notice buckets: under 24 hours, 1–2 days (24 to 48 hours), more than 2 days.</summary>
    public static readonly string[] NoticeBuckets = ["Under 24 hours", "1–2 days", "More than 2 days"];

    public static string NoticeBucket(int hours) => hours < 24 ? NoticeBuckets[0] : hours <= 48 ? NoticeBuckets[1] : NoticeBuckets[2];

    public async Task<DisplacementSummary> BetweenAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var rows = await db.Displacements.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).ToListAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var staffIds = rows.Select(r => r.StaffId).Distinct().ToList();
        var staff = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var bookingIds = rows.Where(r => r.BookingId is not null).Select(r => RoomBookingId.From(r.BookingId!.Value)).Distinct().ToList();
        var bookers = await db.RoomBookings.AsNoTracking().Where(b => bookingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id.Value, b => b.BookedByName, ct);

        var lines = rows.OrderBy(r => r.Date).ThenBy(r => r.Start).Select(d => new DisplacementLine(
            d,
            rooms.GetValueOrDefault(d.RoomId, "A room no longer listed"),
            staff.TryGetValue(d.StaffId, out var s) ? s.FullName : "A former member of staff",
            staff.TryGetValue(d.StaffId, out var s2) ? s2.Discipline : null,
            d.BookingId is { } b && bookers.TryGetValue(b, out var who) ? who : "",
            d.MovedToRoom is { } to ? rooms.GetValueOrDefault(to) : null,
            SchoolDates.MondayOf(d.Date))).ToList();

        return new DisplacementSummary(
            from,
            to,
            lines,
            Enum.GetValues<DisplacementCause>().Select(c => new Bar(CauseName(c), lines.Count(l => l.Displacement.Cause == c))).ToList(),
            lines.GroupBy(l => l.RoomName).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.CurrentCulture).Select(g => new Bar(g.Key, g.Count())).ToList(),
            lines.GroupBy(l => l.Week).OrderBy(g => g.Key).Select(g => new Bar($"w/b {SchoolDates.Brief(g.Key)}", g.Count())).ToList(),
            NoticeBuckets.Select(n => new Bar(n, lines.Count(l => NoticeBucket(l.Displacement.NoticeHours) == n))).ToList(),
            Enum.GetValues<DisplacementOutcome>().Select(o => new Bar(OutcomeName(o), lines.Count(l => l.Displacement.Outcome == o))).ToList());
    }

    public static byte[] ToCsv(DisplacementSummary summary) => CsvText.Write(CsvColumns, summary.Lines.Select(l =>
    {
        var d = l.Displacement;
        return (IReadOnlyList<string?>)
        [
            Iso(d.Date), SchoolDates.Time(d.Start), SchoolDates.Time(d.End), Iso(l.Week), l.RoomName, l.PractitionerName,
            l.Discipline is { } disc ? Disciplines.Name(disc) : "", d.Cause.ToString(), d.NoticeHours.ToString(SchoolDates.English), NoticeBucket(d.NoticeHours),
            l.BookedByName, d.Outcome.ToString(), l.MovedToRoomName, d.MovedToDate is { } md ? Iso(md) : null, d.MovedToStart is { } ms ? SchoolDates.Time(ms) : null,
            d.RecordedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", SchoolDates.English), d.ResolvedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", SchoolDates.English),
        ];
    }));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", SchoolDates.English);
}

/// <summary>What the bar chart partial needs: an id for its elements, a title, the table's first column and the bars.</summary>
internal sealed record BarChartView(string Id, string Title, string Column, IReadOnlyList<Bar> Bars);
