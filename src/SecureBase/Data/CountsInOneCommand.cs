using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using SecureBase.Schools;

namespace SecureBase.Data;

/// <summary>
/// Counts several queries in one SQL command: <c>SELECT (SELECT count(*) FROM …), (SELECT count(*) FROM …) FROM schools
/// WHERE id = @school</c>. For pages that would otherwise make a round trip to the database for each count (the home
/// page asks every module whether it has anything for the user); each query keeps its own filters, the school's
/// included, as the module that published it wrote them.
/// </summary>
internal static class CountsInOneCommand
{
    private static readonly MethodInfo CountOf = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Count) && m.GetParameters().Length == 1);

    /// <summary>Each query's count, in the order given (one command; none for an empty list).</summary>
    public static async Task<IReadOnlyList<int>> CountAsync(SecureBaseDb db, IReadOnlyList<IQueryable> queries, CancellationToken ct)
    {
        if (queries.Count == 0)
        {
            return [];
        }

        var school = Expression.Parameter(typeof(School), "s");
        var select = Expression.Lambda<Func<School, int[]>>(Counts(queries), school);
        var id = db.CurrentSchoolId;
        return await db.Schools.AsNoTracking().Where(s => s.Id == id).Select(select).SingleAsync(ct);
    }

    /// <summary>
    /// Each query's count, and the rows of one more query read in the same command (the home page's own MDT actions
    /// with the counts: one round trip instead of two, on PostgreSQL). The counts are computed once, not once per row.
    /// </summary>
    public static async Task<(IReadOnlyList<int> Counts, List<T> Rows)> CountWithRowsAsync<T>(SecureBaseDb db, IReadOnlyList<IQueryable> queries, IQueryable<T> rows, CancellationToken ct)
    {
        if (queries.Count == 0)
        {
            return ([], await rows.ToListAsync(ct));
        }

        if (!db.Database.IsNpgsql())
        {
            // SQLite cannot join the rows to the counts (EF needs an APPLY for it), and gains nothing from it: its
            // commands are calls inside the process, not round trips.
            return (await CountAsync(db, queries, ct), await rows.ToListAsync(ct));
        }

        var school = Expression.Parameter(typeof(School), "s");
        var toList = typeof(Enumerable).GetMethod(nameof(Enumerable.ToList))!.MakeGenericMethod(typeof(T));
        var both = Expression.New(typeof(CountsAndRows<T>).GetConstructors().Single(), Counts(queries), Expression.Call(toList, rows.Expression));
        var select = Expression.Lambda<Func<School, CountsAndRows<T>>>(both, school);
        var id = db.CurrentSchoolId;
        var read = await db.Schools.AsNoTracking().Where(s => s.Id == id).Select(select).SingleAsync(ct);
        return (read.Counts, read.Rows);
    }

    private static NewArrayExpression Counts(IReadOnlyList<IQueryable> queries) =>
        Expression.NewArrayInit(typeof(int), queries.Select(q => Expression.Call(CountOf.MakeGenericMethod(q.ElementType), q.Expression)));

    private sealed record CountsAndRows<T>(int[] Counts, List<T> Rows);
}
