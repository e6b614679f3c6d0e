using System.Net;
using System.Reflection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

/// <summary>
/// The policy table per relationship and field, generated: every endpoint, for every role, with a
/// record of each relationship the endpoint can be about (own caseload or own child or self; another
/// practitioner's pupil or another child; a child behind a restricted link; a record of the school;
/// another school's). Each case is its own theory row naming the endpoint, role and relationship.
/// A permitted role reaching the record gets it (200 with the record); one whose scope does not reach
/// it finds nothing (404, or 403 where the action is refused outright); and no response to anyone
/// carries a pupil's name the role reaches by no action, a confidential field
/// (<see cref="ConfidentialFields"/>) of a record the role's scope for that field does not reach, or
/// anything of another school.
/// </summary>
public sealed class RelationshipMatrixTests
{
    /// <summary>GET endpoints that answer "not found" by design even for a record the user reaches.</summary>
    private static readonly HashSet<string> NothingToShow =
    [
        "GET /actions/{actionId:guid}/done",
        "GET /pupils/{pupilId:guid}/photo/image",
        // The sample user has no school account to unlink, so the page is not found; SingleSignOnTests open it for one who has.
        "GET /admin/single-sign-on/unlink/{userId:guid}",
    ];

    [Theory, RelationshipCases(DatabaseProvider.Sqlite), RelationshipCases(DatabaseProvider.Postgres)]
    public async Task Endpoint_Role_Relationship(DatabaseProvider provider, string endpoint, Role role, Relation relation)
    {
        var school = await RelationshipSchool.ForAsync(provider);
        var e = EndpointCatalog.From(school.App).Single(x => x.ToString() == endpoint);
        var action = e.Action!.Value;
        var scope = PolicyTable.ScopeFor([role], action);
        var permitted = PolicyTable.AccountActions.Contains(action) || scope != Scope.None;
        var reach = RelationshipCases.Reaches(e, role, relation);
        var marker = relation switch
        {
            Relation.OwnPupil or Relation.OwnReferral => school.MarkA,
            Relation.OtherPupil => school.MarkB,
            Relation.RestrictedChild => school.MarkC,
            _ => null,
        };

        var url = e.Url(Values(school, relation, role));
        var client = await school.ClientAsync(role);
        var response = await SendAsync(client, e.Method, url);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var what = $"{role} {e.Method} {url} ({relation})";

        status.ShouldBeLessThan(500, $"{what} answered {status}");
        if (!permitted)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{what}: the table does not permit {action}");
            return;
        }

        if (reach)
        {
            var toLogin = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/login", StringComparison.Ordinal);
            (status is 401 or 403 || toLogin).ShouldBeFalse($"{what} answered {status}; {role}'s scope {scope} for {action} reaches this record");
            if (e.Method == "GET" && !NothingToShow.Contains(endpoint))
            {
                if (NeedsAReason(response, body))
                {
                    relation.ShouldNotBe(Relation.OwnReferral, $"{what}: a referral the user made explains their reading it; no reason may be asked");

                    // A read no relationship explains: the record opens once a reason is given (and not before).
                    foreach (var (_, _, mark) in school.FieldMarkers.Where(f => f.Field == ConfidentialField.ReferralContent))
                    {
                        body.ShouldNotContain(mark, Case.Insensitive, $"{what} showed what the referrer wrote before a reason was given");
                    }

                    response = await SendAsync(client, "GET", url + "?reason=Other&reasonOther=Checking%20the%20matrix");
                    body = await response.Content.ReadAsStringAsync();
                }

                // A record in a state where the page does not apply (e.g. allocating a referral not yet accepted) answers 409.
                if (relation is Relation.OwnPupil or Relation.OwnReferral or Relation.SchoolRecord or Relation.None && response.StatusCode != HttpStatusCode.Conflict)
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{what}: {role} may {action} for this record, so must get it");
                }

                if (response.StatusCode == HttpStatusCode.OK && marker is not null && IsHtml(response))
                {
                    body.ShouldContain(marker, Case.Insensitive, $"{what}: the page must show the record the user reaches");
                }
            }
        }
        else if (e.Method == "GET")
        {
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.NotFound, HttpStatusCode.Forbidden], $"{what}: {role}'s scope {scope} for {action} does not reach this record");
        }
        else
        {
            (status is >= 200 and < 400).ShouldBeFalse($"{what} answered {status}: a write outside the user's scope must change nothing");
        }

        // Whatever the answer, it carries nothing the role may not know.
        if (school.MarkOther.Length > 0)
        {
            body.ShouldNotContain(school.MarkOther, Case.Insensitive, $"{what} showed another school's pupil");
        }

        foreach (var (p, mark) in school.PupilMarkers)
        {
            if (body.Contains(mark, StringComparison.OrdinalIgnoreCase))
            {
                school.ReachesByAnyAction(role, p).ShouldBeTrue($"{what} named a pupil ({school.RelationOf(p)}) that {role} reaches by no action");
                if (action is not (SchoolAction.UseHome or SchoolAction.ViewNotifications))
                {
                    school.Reaches(role, scope, p).ShouldBeTrue($"{what} named a pupil ({school.RelationOf(p)}) that {role}'s scope {scope} for {action} does not reach");
                }
            }
        }

        foreach (var (field, p, mark) in school.FieldMarkers)
        {
            if (body.Contains(mark, StringComparison.OrdinalIgnoreCase))
            {
                var fieldScope = ConfidentialFields.ScopeFor([role], field);
                school.Reaches(role, fieldScope, p).ShouldBeTrue($"{what} showed {ConfidentialFields.Of(field).Name} of a pupil ({school.RelationOf(p)}) that {role} may not see (scope {fieldScope} for {ConfidentialFields.Of(field).ReadWith})");
            }
        }
    }

    private static bool IsHtml(HttpResponseMessage r) => r.Content.Headers.ContentType?.MediaType == "text/html";

    private static bool NeedsAReason(HttpResponseMessage response, string body) =>
        (response.StatusCode == HttpStatusCode.OK && IsHtml(response) && body.Contains("Why are you opening this ", StringComparison.Ordinal))
        || (response.StatusCode == HttpStatusCode.BadRequest && body.Contains("Say why you are opening this ", StringComparison.Ordinal));

    private static Dictionary<string, string> Values(RelationshipSchool s, Relation relation, Role role)
    {
        if (relation == Relation.OtherSchool)
        {
            return RouteSamples.For(s.Other);
        }

        var values = RouteSamples.For(s.School);
        values["meetingId"] = s.MeetingId.ToString();
        if (relation == Relation.OwnPupil)
        {
            values["referralId"] = s.ReferralA.ToString();
        }
        else if (relation == Relation.OwnReferral)
        {
            values["referralId"] = s.OwnReferrals[role].ToString();
        }
        else if (relation == Relation.OtherPupil)
        {
            values["pupilId"] = s.PupilB.ToString();
            values["referralId"] = s.ReferralB.ToString();
            values["episodeId"] = s.EpisodeB.ToString();
        }
        else if (relation == Relation.RestrictedChild)
        {
            values["pupilId"] = s.PupilC.ToString();
        }

        return values;
    }

    // As the per-action test: page POSTs carry no antiforgery token, API writes an empty JSON object.
    private static Task<HttpResponseMessage> SendAsync(TestClient browser, string method, string url) =>
        browser.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative))
        {
            Content = method is "GET" or "HEAD" ? null
                : url.StartsWith("/api/", StringComparison.Ordinal) ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([]),
        });
}

/// <summary>
/// The generated cases: every endpoint that declares an action × every role × the relationships its
/// route can be about. A DELETE that the role may do on a record it reaches is left to the per-action
/// test (it would delete the shared school's records); every other combination is a row.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RelationshipCasesAttribute : Xunit.Sdk.DataAttribute
{
    private readonly DatabaseProvider _provider;

    public RelationshipCasesAttribute(DatabaseProvider provider)
    {
        _provider = provider;
        if (provider == DatabaseProvider.Postgres)
        {
            Skip = TestDatabases.PostgresSkipReason!;
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        RelationshipCases.All().Select(c => new object[] { _provider, c.Endpoint, c.Role, c.Relation });
}

public static class RelationshipCases
{
    private static readonly Lazy<IReadOnlyList<(string Endpoint, Role Role, Relation Relation)>> Cases = new(Generate);

    public static IReadOnlyList<(string Endpoint, Role Role, Relation Relation)> All() => Cases.Value;

    public static IReadOnlyList<Relation> RelationsFor(EndpointCase e)
    {
        var parameters = e.Parameters;
        if (parameters.Contains("pupilId"))
        {
            return [Relation.OwnPupil, Relation.OtherPupil, Relation.RestrictedChild, Relation.OtherSchool];
        }

        if (parameters.Contains("referralId"))
        {
            return [Relation.OwnPupil, Relation.OwnReferral, Relation.OtherPupil, Relation.OtherSchool];
        }

        if (parameters.Contains("episodeId"))
        {
            return [Relation.OwnPupil, Relation.OtherPupil, Relation.OtherSchool];
        }

        return parameters.Any(p => p != "code" && p != "documentName") ? [Relation.SchoolRecord, Relation.OtherSchool] : [Relation.None];
    }

    /// <summary>Whether the role's scope for the endpoint's action reaches the record of this relationship.</summary>
    public static bool Reaches(EndpointCase e, Role role, Relation relation)
    {
        var action = e.Action!.Value;
        if (PolicyTable.AccountActions.Contains(action))
        {
            return relation != Relation.OtherSchool;
        }

        var scope = PolicyTable.ScopeFor([role], action);
        if (relation == Relation.SchoolRecord && e.Parameters.Contains("actionId"))
        {
            // The sample action is the Head of Therapy's own.
            return scope.HasFlag(Scope.School) || (scope.HasFlag(Scope.Self) && role == Role.HeadOfTherapy);
        }

        if (relation == Relation.SchoolRecord && e.Parameters.Contains("notificationId"))
        {
            // The sample notification is the SENDCo's own.
            return scope != Scope.None && role == Role.Sendco;
        }

        return RelationshipSchool.Reaches(role, scope, relation);
    }

    private static IReadOnlyList<(string, Role, Relation)> Generate()
    {
        var app = SharedApps.GetAsync(DatabaseProvider.Sqlite).GetAwaiter().GetResult();
        var cases = new List<(string, Role, Relation)>();
        foreach (var e in EndpointCatalog.From(app).Where(x => !x.Anonymous && x.Action is not null).OrderBy(x => x.ToString(), StringComparer.Ordinal))
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                foreach (var relation in RelationsFor(e).Where(r => r != Relation.OwnReferral || role != Role.LocalAuthorityOfficer))
                {
                    var permitted = PolicyTable.AccountActions.Contains(e.Action!.Value) || PolicyTable.Permits([role], e.Action!.Value);
                    if (e.Method == "DELETE" && permitted && Reaches(e, role, relation))
                    {
                        continue;
                    }

                    cases.Add((e.ToString(), role, relation));
                }
            }
        }

        return cases;
    }
}
