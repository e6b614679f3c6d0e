namespace SecureBase.Dashboards;

/// <summary>A figure on a page, with the address of its CSV.</summary>
internal sealed record FigureView(Figure Figure, string CsvHref);
