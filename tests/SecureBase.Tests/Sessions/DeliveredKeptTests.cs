using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Sessions;

/// <summary>
/// The delivered totals an instance keeps for the EHCP list (under the school's sessions stamp): a list shown again
/// shows what was recorded or corrected since, at once. (Through another instance, with totals kept in a process of
/// its own: LoadBalancedInstancesTests.)
/// </summary>
public sealed class DeliveredKeptTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheEhcpList_ShowsEachSessionRecordedOrCorrectedSinceItWasLastShown(DatabaseProvider provider)
    {
        var s = await SessionSchool.CreateAsync(provider);
        var hot = await s.School.SignInAsync(Role.HeadOfTherapy);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        async Task<string> RowAsync() => SessionSchool.EhcpRowOf(await hot.GetPageAsync("/ehcp"), s.School.PupilLastName);

        (await RowAsync()).ShouldContain("0 of ", Case.Sensitive, "nothing recorded yet");
        (await RowAsync()).ShouldContain("0 of ", Case.Sensitive, "shown again, from what this instance kept");
        var stampBefore = await StampAsync(s);

        var recorded = await s.RecordAsync(therapist, 0, "Attended");
        (await StampAsync(s)).ShouldNotBe(stampBefore, "recording a session gives the school a new sessions stamp");
        (await RowAsync()).ShouldContain("1 of ", Case.Sensitive, "the session recorded since the list was shown counts at once");

        // The therapist corrects the attendance: the pupil was absent after all.
        var correct = await therapist.Http.PutAsJsonAsync($"/api/v1/sessions/{recorded.Id}", new
        {
            stamp = recorded.Stamp,
            members = new[] { new { pupilId = s.School.PupilId.ToString(), attendance = "PupilAbsent", engagement = (int?)null } },
        });
        correct.StatusCode.ShouldBe(HttpStatusCode.OK, await correct.Content.ReadAsStringAsync());
        (await RowAsync()).ShouldContain("0 of ", Case.Sensitive, "the corrected attendance no longer counts as delivered");

        await s.RecordAsync(therapist, 1, "Attended");
        (await RowAsync()).ShouldContain("1 of ", Case.Sensitive);
    }

    private static Task<long> StampAsync(SessionSchool s) =>
        s.QueryAsync(db => db.Schools.AsNoTracking().Where(x => x.Id == s.School.Id).Select(x => x.SessionsStamp).SingleAsync());
}
