namespace SecureBase.Common;

/// <summary>
/// One page of a list: the page asked for, kept between the first and the last (an address with a page past the end
/// shows the last), how many pages there are (at least one, empty or not), and how many rows come before it.
/// </summary>
internal readonly record struct Paging(int Page, int Pages, int Size)
{
    public int Skip => (Page - 1) * Size;

    public static int PagesFor(int total, int size) => Math.Max(1, (total + size - 1) / size);

    public static Paging Of(int requested, int total, int size)
    {
        var pages = PagesFor(total, size);
        return new Paging(Math.Clamp(requested, 1, pages), pages, size);
    }

    /// <summary>The page asked for in <c>?page=</c> or a posted <c>page</c> (Razor Pages keeps the route value "page" for itself); the first if none or not a number.</summary>
    public static int Requested(string? value) => int.TryParse(value, out var n) ? n : 1;
}
