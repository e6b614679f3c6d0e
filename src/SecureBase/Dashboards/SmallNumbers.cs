using System.Globalization;

namespace SecureBase.Dashboards;

/// <summary>
/// One cell of a figure, as every reader gets it: its words (on the page, in the CSV, in the API) and its number for
/// the chart, which is null when the number is suppressed or is not a number. Made only by <see cref="SmallNumbers"/>,
/// so suppression happens once, on the server, before anything is drawn, written or sent.
/// </summary>
internal sealed record Cell(string Text, decimal? Value)
{
    public bool Suppressed => Text == SmallNumbers.FewerThanFive || Text == SmallNumbers.Withheld;

    public override string ToString() => Text;
}

/// <summary>
/// The suppression rule of official statistics, in one place (issue 12): when a figure is anonymised, any count of
/// pupils (or of things about pupils: referrals, sessions, episodes) from 1 to 4 is shown as "fewer than 5"; zero and
/// 5 or more are shown. A rate or a statistic is withheld when it could give a suppressed count back: when its count
/// or denominator is suppressed, or when the rest (denominator minus count) is 1 to 4 (95% of 40 would say 2 did not).
/// The Head of Therapy's own figures are exact (<c>anonymised: false</c>).
/// </summary>
internal static class SmallNumbers
{
    public const int Threshold = 5;
    public const string FewerThanFive = "fewer than 5";
    public const string Withheld = "withheld (small numbers)";
    public const string NotApplicable = "–";

    /// <summary>Whether a count would be suppressed: 1 to 4.</summary>
    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    public static Cell Count(int count, bool anonymised) =>
        anonymised && IsSmall(count) ? new Cell(FewerThanFive, null) : new Cell(count.ToString(CultureInfo.InvariantCulture), count);

    /// <summary>A count that is not about pupils (schools, practitioners, rooms): never suppressed.</summary>
    public static Cell Exact(int count) => new(count.ToString(CultureInfo.InvariantCulture), count);

    /// <summary><paramref name="part"/> of <paramref name="whole"/> as a whole percentage; "–" when the whole is 0.</summary>
    public static Cell Percent(int part, int whole, bool anonymised)
    {
        if (whole == 0)
        {
            return new Cell(NotApplicable, null);
        }

        if (anonymised && (IsSmall(part) || IsSmall(whole) || IsSmall(whole - part)))
        {
            return new Cell(Withheld, null);
        }

        var percent = Math.Round(part * 100m / whole, 0, MidpointRounding.AwayFromZero);
        return new Cell(percent.ToString("0", CultureInfo.InvariantCulture) + "%", percent);
    }

    /// <summary>A statistic (a median, a mean) of <paramref name="count"/> values: withheld when the count would be suppressed.</summary>
    public static Cell Statistic(decimal? value, int count, bool anonymised, string format = "0.#", string unit = "")
    {
        if (value is null || count == 0)
        {
            return new Cell(NotApplicable, null);
        }

        return anonymised && IsSmall(count)
            ? new Cell(Withheld, null)
            : new Cell(value.Value.ToString(format, CultureInfo.InvariantCulture) + unit, value);
    }

    public static Cell Words(string text) => new(text, null);
}
