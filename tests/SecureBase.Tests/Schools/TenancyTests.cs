using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Tests.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Schools;

/// <summary>One installation, many schools: no endpoint returns or changes another school's data.</summary>
public sealed class TenancyTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task NoEndpoint_ShowsAnotherSchoolsData_ToAnyRole(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var ours = await TestSchool.CreateAsync(app);
        var theirs = await TestSchool.CreateAsync(app);
        var endpoints = EndpointCatalog.From(app).Where(e => e.Method == "GET").ToList();
        var ourIds = RouteSamples.For(ours);
        var theirIds = RouteSamples.For(theirs);
        var leaks = new List<string>();

        foreach (var info in RoleInfo.All)
        {
            var browser = await ours.SignInAsync(info.Role);
            foreach (var e in endpoints)
            {
                foreach (var (ids, foreign) in new[] { (ourIds, false), (theirIds, true) })
                {
                    if (foreign && e.Parameters.All(p => p is "code" or "documentName"))
                    {
                        continue;
                    }

                    var url = e.Url(ids);
                    var response = await browser.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    var seen = theirs.Markers.Where(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (url == "/safeguarding/transfers/new")
                    {
                        // Sending a child protection file (KCSIE) means choosing the receiving school and its DSL: the
                        // form names the installation's other schools and their DSLs, and nothing else of them.
                        seen.RemoveAll(m => m == theirs.Name || m == theirs.Users[Role.Dsl].Id.ToString() || m == theirs.Users[Role.Dsl].UserName);
                    }

                    if (seen.Count > 0)
                    {
                        leaks.Add($"{info.Name}: GET {url} showed the other school's {string.Join(", ", seen)}");
                    }

                    if (foreign && response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                    {
                        leaks.Add($"{info.Name}: GET {url} (another school's record) answered {(int)response.StatusCode}, expected 404");
                    }
                }
            }
        }

        leaks.ShouldBeEmpty();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task NoEndpoint_ChangesAnotherSchoolsData_EvenWithAValidForm(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var ours = await TestSchool.CreateAsync(app);
        var theirs = await TestSchool.CreateAsync(app);
        var before = await SchoolSnapshot.TakeAsync(app, theirs);
        var theirIds = RouteSamples.For(theirs);
        var problems = new List<string>();
        var tried = 0;

        foreach (var e in EndpointCatalog.From(app).Where(e => e.Method != "GET" && e.Permits is not null && e.Parameters.Count > 0))
        {
            var action = e.Action!.Value;
            var role = RoleInfo.All.Select(r => r.Role).FirstOrDefault(r => PolicyTable.Permits([r], action));
            var browser = await ours.SignInAsync(role);
            var token = await browser.TokenFromAsync("/account");
            var handlers = e.IsPage ? await PageHandlers.PostHandlersAsync(app, e) : [null];
            foreach (var handler in handlers)
            {
                var url = e.Url(theirIds) + (handler is null ? "" : $"?handler={handler}");
                HttpResponseMessage response;
                if (e.IsPage)
                {
                    // A form a user of our school could send: every role ticked, every field filled.
                    response = await browser.PostFormAsync(url,
                    [
                        Form.Field("__RequestVerificationToken", token),
                        .. RoleInfo.All.Select(r => Form.Field("Input.Roles", r.Role.ToString())),
                        Form.Field("Input.DisplayName", "Changed By Another School"),
                        Form.Field("Input.LeftOn", "2026-07-20"),
                        Form.Field("Input.FirstName", "Changed"),
                        Form.Field("Input.LastName", "Elsewhere"),
                        Form.Field("Input.Relationship", "Mother"),
                        Form.Field("Input.ContactPreference", "Letter"),
                    ]);
                }
                else
                {
                    response = await browser.Http.SendAsync(new HttpRequestMessage(new HttpMethod(e.Method), new Uri(url, UriKind.Relative))
                    {
                        Content = System.Net.Http.Json.JsonContent.Create(new { leftOn = "2026-07-20", firstName = "Changed", lastName = "Elsewhere", relationship = "Mother", contactPreference = "Letter" }),
                    });
                }

                tried++;
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.NotFound && !(e.IsApi && response.StatusCode == HttpStatusCode.BadRequest))
                {
                    problems.Add($"{RoleInfo.Of(role).Name}: {e.Method} {url} answered {(int)response.StatusCode}, expected 404");
                }

                if (theirs.Markers.Any(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"POST {url} showed the other school's data");
                }
            }
        }

        tried.ShouldBeGreaterThan(0);
        problems.ShouldBeEmpty();
        (await SchoolSnapshot.TakeAsync(app, theirs)).ShouldBe(before, "the other school's records must be exactly as they were");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Queries_SeeOnlyTheCurrentSchool_AndSavingAnotherSchoolsRecordIsRefused(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var ours = await TestSchool.CreateAsync(app);
        var theirs = await TestSchool.CreateAsync(app);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(ours.Id);

        var pupils = await db.Pupils.ToListAsync();
        pupils.ShouldAllBe(p => p.SchoolId == ours.Id);
        pupils.ShouldContain(p => p.Id == ours.PupilId);
        (await db.Pupils.AnyAsync(p => p.Id == theirs.PupilId)).ShouldBeFalse();
        (await db.Memberships.CountAsync()).ShouldBe(RoleInfo.All.Count);

        var foreign = await db.Pupils.IgnoreQueryFilters().SingleAsync(p => p.Id == theirs.PupilId);
        foreign.MarkLeft(new DateOnly(2026, 7, 22), DateTime.UnixEpoch);
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        refused.Message.ShouldContain("another school");
    }

    [Theory, OnSqlite]
    public async Task NoSchoolChosen_MatchesNoRecordAtAll(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        await TestSchool.CreateAsync(app);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        (await db.Pupils.CountAsync()).ShouldBe(0);
        (await db.Set<Carer>().CountAsync()).ShouldBe(0);
    }
}
