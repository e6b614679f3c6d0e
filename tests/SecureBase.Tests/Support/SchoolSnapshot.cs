using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Tests.Support;

/// <summary>Everything a school holds, as text: two snapshots differ if anything in the school changed.</summary>
public static class SchoolSnapshot
{
    public static async Task<string> TakeAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var sb = new StringBuilder();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => typeof(ISchoolOwned).IsAssignableFrom(e.ClrType)).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var method = typeof(SchoolSnapshot).GetMethod(nameof(RowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(entity.ClrType);
            sb.AppendLine(entity.Name).AppendLine(await (Task<string>)method.Invoke(null, [db])!);
        }

        var userIds = school.Users.Values.Select(u => u.Id).ToList();
        foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).OrderBy(u => u.Id).ToListAsync())
        {
            sb.AppendLine($"{u.Id}|{u.UserName}|{u.PasswordHash}|{u.SecurityStamp}|{u.IsDisabled}|{u.TwoFactorEnabled}|{u.MustChangePassword}|{u.LockoutEnd}");
        }

        return sb.ToString();
    }

    private static async Task<string> RowsAsync<T>(SecureBaseDb db) where T : class
    {
        var rows = await db.Set<T>().AsNoTracking().ToListAsync();
        var entity = db.Model.FindEntityType(typeof(T))!;
        return string.Join('\n', rows.Select(r => string.Join('|', entity.GetProperties().Where(p => p.PropertyInfo is not null)
            .Select(p => p.PropertyInfo!.GetValue(r)?.ToString()))).Order(StringComparer.Ordinal));
    }
}
