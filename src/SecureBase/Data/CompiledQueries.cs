using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SecureBase.Data;

/// <summary>
/// An EF compiled query (<see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, TResult}})"/>),
/// compiled once for each model it is used with. EF refuses to run a compiled query against another model than the
/// one it first ran with, and one process can hold several (SQLite and PostgreSQL side by side in the tests).
/// For queries run on every request, where EF's preparing of an ordinary LINQ query (walking and hashing its
/// expression to find the cached SQL) is a measurable share of the CPU.
/// </summary>
internal sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
