using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Tests.Support;

/// <summary>Reads the in-app notifications a user has been sent.</summary>
public static class Notes
{
    public static async Task<List<(string Title, string Body, string Link)>> ForAsync(TestApp app, TestSchool school, Guid userId)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Notifications.AsNoTracking()
                .Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).Select(n => new { n.Title, n.Body, n.Link }).ToListAsync())
            .Select(n => (n.Title, n.Body, n.Link)).ToList();
    }
}
