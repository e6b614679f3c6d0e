using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Pupils;

/// <summary>The name a pupil is known by (preferred names first, as <see cref="Pupil.DisplayName"/>), read without loading the record.</summary>
public static class PupilNames
{
    private static readonly Expression<Func<Pupil, KeyValuePair<PupilId, string>>> KnownAs =
        p => new KeyValuePair<PupilId, string>(p.Id, (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName));

    public static async Task<string> NameOfAsync(this IQueryable<Pupil> pupils, PupilId id, CancellationToken ct = default) =>
        (await pupils.Where(p => p.Id == id).Select(KnownAs).SingleAsync(ct)).Value;

    public static async Task<Dictionary<PupilId, string>> NamesOfAsync(this IQueryable<Pupil> pupils, IReadOnlyCollection<PupilId> ids, CancellationToken ct = default) =>
        (await pupils.Where(p => ids.Contains(p.Id)).Select(KnownAs).ToListAsync(ct)).ToDictionary();

    /// <summary><see cref="NamesOfAsync(IQueryable{Pupil}, IReadOnlyCollection{PupilId}, CancellationToken)"/> compiled once, for pages that name pupils on every visit (the sessions week).</summary>
    public static async Task<Dictionary<PupilId, string>> NamesOfAsync(SecureBaseDb db, List<PupilId> ids, CancellationToken ct = default) =>
        (await Names.For(db)(db, ids).ToListAsync(ct)).ToDictionary();

    private static readonly PerModel<Func<SecureBaseDb, List<PupilId>, IAsyncEnumerable<KeyValuePair<PupilId, string>>>> Names = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, List<PupilId> ids) => db.Pupils.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(KnownAs)));
}
