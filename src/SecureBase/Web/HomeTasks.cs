namespace SecureBase.Web;

/// <summary>Something due that a user's home page lists ("Week 6 check due for Amara Okafor").</summary>
public sealed record HomeTask(string Title, string? Detail, string Href, DateOnly? Due);

/// <summary>
/// A module's contribution to the home page's "Due now" list: each module says what is due for the
/// signed-in user from its own records, so the home page does not read every module's tables.
/// Return nothing for users the module has nothing for.
/// </summary>
public interface IHomeTasks
{
    Task<IReadOnlyList<HomeTask>> ForCurrentUserAsync(DateOnly today, CancellationToken ct);

    /// <summary>
    /// Optionally, a query whose rows are what may be due for the user (filtered as the tasks are): the home page
    /// counts every module's in one SQL command, and does not call <see cref="ForCurrentUserAsync"/> when the count is 0,
    /// so a module with nothing for the user costs no round trip of its own. Null (the default): always asked.
    /// </summary>
    IQueryable<object>? Pending(DateOnly today) => null;
}
