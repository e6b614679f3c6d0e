using SecureBase.Common;

namespace SecureBase.Web;

/// <summary>
/// The links under a paged list (<c>/Web/_Pager.cshtml</c>): which page of how many, and the way to the pages either side,
/// worded for the list (newer and older records, later and earlier meetings).
/// </summary>
internal sealed record PagerView(string Label, Paging Paging, Func<int, string> Link, string Previous = "Previous page", string Next = "Next page");
