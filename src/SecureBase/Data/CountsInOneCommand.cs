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
        var counts = Expression.NewArrayInit(typeof(int), queries.Select(q => Expression.Call(CountOf.MakeGenericMethod(q.ElementType), q.Expression)));
        var select = Expression.Lambda<Func<School, int[]>>(counts, school);
        var id = db.CurrentSchoolId;
        return await db.Schools.AsNoTracking().Where(s => s.Id == id).Select(select).SingleAsync(ct);
    }
}
