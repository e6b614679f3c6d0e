using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

/// <summary>The key ring that protects sign-in and antiforgery cookies is shared in the database, and encrypted there.</summary>
public sealed class KeyRingTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheKeyRing_IsEncryptedInTheDatabase_AndUselessWithoutTheInstallationKey(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var cookie = await SignOutTests.CookieAsync(teacher);

        await using (var scope = app.Scope())
        {
            var keys = await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();
            keys.ShouldNotBeEmpty();
            keys.ShouldAllBe(xml => !xml.Contains("<masterKey", StringComparison.Ordinal), "no key is stored in the clear");
            keys.ShouldAllBe(xml => xml.Contains(nameof(KeyRingDecryptor), StringComparison.Ordinal));
        }

        // The same installation (same key) on another instance reads the cookie...
        await using (var sameKey = TestApp.StartOn(app.Database))
        {
            (await SignOutTests.ReplayAsync(sameKey, cookie, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // ...but someone holding only a copy of the database (another installation key) cannot.
        await using var copy = TestApp.StartOn(app.Database, new Dictionary<string, string?> { ["SecureBase:AuditKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 7)).ToArray()) });
        (await SignOutTests.ReplayAsync(copy, cookie, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
