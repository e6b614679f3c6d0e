using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Pupils;

namespace SecureBase.Tests.Support;

/// <summary>Adds pupils to a test school directly, with valid UPNs.</summary>
public static class PupilFactory
{
    private static int _serial = 500;

    public static Upn NextUpn()
    {
        var twelve = $"99999990{Interlocked.Increment(ref _serial) % 10000:D4}";
        return Upn.TryParse($"{Upn.CheckLetterFor(twelve)}{twelve}", out var upn, out var problem) ? upn : throw new InvalidOperationException(problem);
    }

    public static async Task<List<Pupil>> AddAsync(TestApp app, TestSchool school, int count, Func<int, PupilDetails>? details = null)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var list = new List<Pupil>();
        for (var i = 0; i < count; i++)
        {
            var d = details?.Invoke(i) ?? new PupilDetails("Pupil", "Number " + TestSchool.Letters(6), null, null, new DateOnly(2015, 1, 1).AddDays(i), 5 + (i % 3), "5X", false, SenStatus.None, false, school.SiteId);
            var p = Pupil.Create(school.Id, NextUpn(), d, app.Clock.GetUtcNow().UtcDateTime);
            db.Pupils.Add(p);
            list.Add(p);
        }

        await db.SaveChangesAsync();
        return list;
    }
}
