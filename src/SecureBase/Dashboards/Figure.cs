using System.Globalization;
using System.Net;
using System.Text;
using SecureBase.Identity;
using SecureBase.Imports;

namespace SecureBase.Dashboards;

/// <summary>One row of a figure's table: its label (a discipline, a school, a cause) and its cells, in column order.</summary>
internal sealed record FigureRow(string Label, IReadOnlyList<Cell> Cells);

/// <summary>The list behind a figure: where it is and what it is called. Set only for a user who may open the whole list.</summary>
internal sealed record FigureList(string Href, string Words);

/// <summary>
/// A figure of a dashboard: a table (with its chart drawn from one column) and, for those allowed, a link to the list
/// behind it. The same cells are shown on the page, written to the CSV and sent by the API.
/// </summary>
internal sealed record Figure(string Id, string Title, string Description, string LabelColumn, IReadOnlyList<string> Columns, IReadOnlyList<FigureRow> Rows,
    int ChartColumn, FigureList? List)
{
    public bool IsEmpty => Rows.Count == 0;

    public string ChartSvg() => FigureChart.Bars(this);

    public byte[] ToCsv() => CsvText.Write([LabelColumn, .. Columns], Rows.Select(r => (IReadOnlyList<string?>)[r.Label, .. r.Cells.Select(c => c.Text)]));

    public object ToDto() => new
    {
        id = Id,
        title = Title,
        description = Description,
        labelColumn = LabelColumn,
        columns = Columns,
        rows = Rows.Select(r => new { label = r.Label, cells = r.Cells.Select(c => new { text = c.Text, value = c.Value }) }),
        list = List?.Href,
    };

    /// <summary>The list behind a figure, only if the user's scope for its action reaches the whole school.</summary>
    public static FigureList? ListFor(CurrentUser me, SchoolAction action, string href, string words) =>
        me.ScopeFor(action).HasFlag(Scope.School) ? new FigureList(href, words) : null;
}

/// <summary>
/// A horizontal bar chart drawn on the server as SVG (like Outcomes/OutcomeChart): a title and a description for screen
/// readers, no script or inline style, the number written beside each bar, and "fewer than 5" in words where a cell
/// is suppressed (no bar is drawn for it). The table beside it holds the same numbers.
/// </summary>
internal static class FigureChart
{
    private const int Width = 560;
    private const int LabelWidth = 200;
    private const int RowHeight = 26;
    private const int Top = 8;

    public static string Bars(Figure figure)
    {
        var column = figure.Columns[figure.ChartColumn];
        var values = figure.Rows.Select(r => r.Cells[figure.ChartColumn]).ToList();
        var max = Math.Max(1m, values.Where(v => v.Value is not null).Select(v => v.Value!.Value).DefaultIfEmpty(0).Max());
        var height = Top * 2 + (RowHeight * Math.Max(1, figure.Rows.Count));
        var id = Esc("chart-" + figure.Id);
        var plot = Width - LabelWidth - 120;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart dashboard-chart\" id=\"{id}\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">");
        var description = figure.Rows.Count == 0 ? "No figures yet." : string.Join("; ", figure.Rows.Select(r => $"{r.Label}: {r.Cells[figure.ChartColumn].Text}"));
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Esc(figure.Title)}: {Esc(column)}</title><desc id=\"{id}-desc\">{Esc(description)}</desc>");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        for (var i = 0; i < figure.Rows.Count; i++)
        {
            var y = Top + (i * RowHeight);
            var cell = values[i];
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" font-size=\"12\" fill=\"#0b0c0c\">{Esc(Short(figure.Rows[i].Label))}</text>");
            var w = cell.Value is { } v && v > 0 ? Math.Max(2, (int)Math.Round(v / max * plot)) : 0;
            if (w > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{w}\" height=\"{RowHeight - 8}\" fill=\"#1d70b8\"/>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + w + 6}\" y=\"{y + 17}\" font-size=\"12\" font-weight=\"bold\" fill=\"#0b0c0c\">{Esc(cell.Text)}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Short(string label) => label.Length <= 30 ? label : label[..29] + "…";

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
