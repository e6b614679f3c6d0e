using System.Globalization;

namespace SecureBase.Schools;

/// <summary>
/// Dates and times as the school writes and reads them: "Friday 23 October 2026", "09:00".
/// Typed dates are accepted in the forms people use (2026-10-23 from a date picker, 23/10/2026,
/// 23 October 2026); anything else is refused with a message rather than guessed.
/// </summary>
public static class SchoolDates
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "d M yyyy",
        "d MMM yyyy", "d MMMM yyyy", "ddd d MMM yyyy", "dddd d MMMM yyyy", "dddd, d MMMM yyyy",
    ];

    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H.mm", "HH.mm", "H:mm:ss", "HH:mm:ss", "h:mmtt", "h:mm tt", "htt", "h tt", "h.mmtt"];

    /// <summary>"Friday 23 October 2026".</summary>
    public static string Long(DateOnly date) => date.ToString("dddd d MMMM yyyy", English);

    /// <summary>"23 October 2026".</summary>
    public static string Short(DateOnly date) => date.ToString("d MMMM yyyy", English);

    /// <summary>"Fri 23 Oct".</summary>
    public static string Brief(DateOnly date) => date.ToString("ddd d MMM", English);

    /// <summary>"09:00".</summary>
    public static string Time(TimeOnly time) => time.ToString("HH:mm", English);

    /// <summary>"Friday 23 October to Friday 18 December 2026", naming the year once when both days share it.</summary>
    public static string Range(DateOnly first, DateOnly last) =>
        first.Year == last.Year
            ? $"{first.ToString("dddd d MMMM", English)} to {Long(last)}"
            : $"{Long(first)} to {Long(last)}";

    /// <summary>A date typed by a person or sent by a program, in the years a school calendar can use (2000 to 2099).</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var tidy = string.Join(' ', text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (!DateOnly.TryParseExact(tidy, DateFormats, English, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        if (parsed.Year is < 2000 or > 2099)
        {
            return false;
        }

        date = parsed;
        return true;
    }

    /// <summary>A time of day: "09:00", "9:00", "9.00", "2:30pm".</summary>
    public static bool TryParseTime(string? text, out TimeOnly time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 20)
        {
            return false;
        }

        var tidy = text.Trim().Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return TimeOnly.TryParseExact(tidy, TimeFormats, English, DateTimeStyles.None, out time);
    }

    /// <summary>The Monday of the week (Monday to Sunday) a date falls in.</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static bool IsWeekday(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public static bool IsWeekday(DayOfWeek day) => day is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
