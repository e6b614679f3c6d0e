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

    /// <summary>
    /// A page of an API list, as asked for and never moved: a page past the end is empty, so a system reading page after
    /// page stops at the first one with fewer than <paramref name="size"/> rows. Refused (naming <c>page</c>) below 1 or so
    /// far on that its first row's offset cannot be counted to.
    /// </summary>
    public static Result<Paging> ForApi(int? page, int size)
    {
        var last = int.MaxValue / size;
        return page is < 1 || page > last
            ? new Error.Validation("page", $"Pages are numbered from 1 to {last:N0}")
            : new Paging(page ?? 1, last, size);
    }
}

/// <summary>One page of rows and where it sits in the list.</summary>
internal sealed record Paged<T>(IReadOnlyList<T> Rows, Paging Paging);
