using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.Rooms;

[Permits(SchoolAction.ViewDisplacements)]
public sealed class DisplacementsModel(DisplacementReport report, SecureBaseDb db, Schools.SchoolClock clock, Board.RoomVoices voices) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public DisplacementSummary Summary { get; private set; } = null!;

    /// <summary>What pupils say about the rooms they have sessions in, as counts per room (no names, no free text).</summary>
    public IReadOnlyList<Board.RoomVoiceCounts> Voices { get; private set; } = [];
    public string Query => $"?from={Summary.From:yyyy-MM-dd}&to={Summary.To:yyyy-MM-dd}";

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (from, to, problem) = await PeriodAsync(db, clock, From, To, ct);
        if (problem is not null)
        {
            ModelState.AddModelError(problem.Value.Field, problem.Value.Message);
        }

        Summary = await report.BetweenAsync(from, to, ct);
        Voices = await voices.CountsAsync(ct);
        From = from.ToString("yyyy-MM-dd", SchoolDates.English);
        To = to.ToString("yyyy-MM-dd", SchoolDates.English);
        return Page();
    }

    /// <summary>
    /// The period asked for, or by default the academic year being shown (the last 26 weeks to 8 weeks ahead
    /// when no year is entered); a date that cannot be read falls back to the default with a message.
    /// </summary>
    internal static async Task<(DateOnly From, DateOnly To, (string Field, string Message)? Problem)> PeriodAsync(SecureBaseDb db, Schools.SchoolClock clock, string? from, string? to, CancellationToken ct)
    {
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var today = clock.Today;
        var year = calendar.YearToShow(today);
        var first = year?.StartDate ?? today.AddDays(-182);
        var last = year?.EndDate ?? today.AddDays(56);
        if (!string.IsNullOrWhiteSpace(from) && !SchoolDates.TryParseDate(from, out first))
        {
            return (year?.StartDate ?? today.AddDays(-182), last, ("From", "The first date must be a real date, for example 2026-09-01"));
        }

        if (!string.IsNullOrWhiteSpace(to) && !SchoolDates.TryParseDate(to, out last))
        {
            return (first, year?.EndDate ?? today.AddDays(56), ("To", "The last date must be a real date, for example 2027-07-21"));
        }

        return last < first ? (first, first, ("To", "The last date must be on or after the first")) : (first, last, null);
    }
}
