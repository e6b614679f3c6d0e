using System.Globalization;
using System.Net;
using System.Text;

namespace SecureBase.Outcomes;

/// <summary>One point of a chart: its label on the time axis ("C1 baseline") and its value (none where not rated).</summary>
internal sealed record ChartPoint(string Label, decimal? Value, bool MeaningfulFromPrevious = false);

/// <summary>
/// A line chart drawn on the server as SVG: no script, and no inline style (the content security
/// policy forbids it), only SVG presentation attributes. The numbers are also written on each point,
/// and the page puts them in a table beside the chart, so nothing depends on seeing the line or its colour.
/// </summary>
internal static class OutcomeChart
{
    private const int Width = 520;
    private const int Height = 200;
    private const int Left = 40;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 44;

    public static string Line(string id, string title, string description, IReadOnlyList<ChartPoint> points, decimal max, decimal gridStep, string colour = "#1d70b8")
    {
        var sb = new StringBuilder();
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        double Y(decimal v) => Top + plotH - ((double)(v / max) * plotH);
        double X(int i) => points.Count <= 1 ? Left + (plotW / 2.0) : Left + (i * plotW / (double)(points.Count - 1));

        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart outcome-chart\" id=\"{Esc(id)}\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-labelledby=\"{Esc(id)}-title {Esc(id)}-desc\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{Esc(id)}-title\">{Esc(title)}</title><desc id=\"{Esc(id)}-desc\">{Esc(description)}</desc>");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>");
        for (var g = 0m; g <= max; g += gridStep)
        {
            var y = N(Y(g));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y}\" x2=\"{Width - Right}\" y2=\"{y}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(Y(g) + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#0b0c0c\">{g.ToString("0.#", CultureInfo.InvariantCulture)}</text>");
        }

        var path = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var x = N(X(i));
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#0b0c0c\">{Esc(points[i].Label)}</text>");
            if (points[i].Value is { } v)
            {
                path.Append(path.Length == 0 ? "M" : " L").Append(x).Append(',').Append(N(Y(v)));
            }
        }

        if (path.Length > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\"/>");
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v)
            {
                continue;
            }

            var (x, y) = (N(X(i)), N(Y(v)));
            // A meaningful change is marked by shape (a larger ringed point) and in words on the point, not by colour alone.
            sb.Append(points[i].MeaningfulFromPrevious
                ? $"<circle cx=\"{x}\" cy=\"{y}\" r=\"7\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"3\"/>"
                : $"<circle cx=\"{x}\" cy=\"{y}\" r=\"4\" fill=\"{colour}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{N(Y(v) - 10)}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\" fill=\"#0b0c0c\">{v.ToString("0.#", CultureInfo.InvariantCulture)}{(points[i].MeaningfulFromPrevious ? " *" : "")}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
