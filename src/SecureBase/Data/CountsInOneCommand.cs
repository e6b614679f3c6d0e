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
    /// The rows come in no particular order (an ordering of <paramref name="rows"/> is not kept): order them after.
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

        // Read flat: the school's row joined with each row, the counts in every row (PostgreSQL works out the uncorrelated
        // counts once). Read as one row with a nested list, EF's materializing built a delegate by reflection for every
        // row of the list, the largest single cost of the EHCP list at authority scale. Rows that are entities are joined
        // with a left join (EF reads an absent one as null, so the counts come back without rows); a projection cannot
        // be read back as absent, so it is joined with an inner join and the counts are read on their own when there
        // are no rows.
        var entities = db.Model.FindEntityType(typeof(T)) is not null;
        var school = Expression.Parameter(typeof(School), "s");
        var row = Expression.Parameter(typeof(T), "r");
        Expression each = rows.Expression;
        if (entities)
        {
            each = Expression.Call(DefaultIfEmpty.MakeGenericMethod(typeof(T)), each);
        }

        var joined = Expression.Lambda<Func<School, IEnumerable<T?>>>(each, school);
        var both = Expression.Lambda<Func<School, T?, CountsAndRow<T>>>(
            Expression.New(typeof(CountsAndRow<T>).GetConstructors().Single(), Counts(queries), row), school, row);
        var id = db.CurrentSchoolId;
        var read = await db.Schools.AsNoTracking().Where(s => s.Id == id).SelectMany(joined, both).ToListAsync(ct);
        if (read.Count == 0)
        {
            return (await CountAsync(db, queries, ct), []);
        }

        return (read[0].Counts, read.Where(r => r.Row is not null).Select(r => r.Row!).ToList());
    }

    private static readonly MethodInfo DefaultIfEmpty = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.DefaultIfEmpty) && m.GetParameters().Length == 1);

    private static NewArrayExpression Counts(IReadOnlyList<IQueryable> queries) =>
        Expression.NewArrayInit(typeof(int), queries.Select(q => Expression.Call(CountOf.MakeGenericMethod(q.ElementType), q.Expression)));

    private sealed record CountsAndRow<T>(int[] Counts, T? Row);
}
