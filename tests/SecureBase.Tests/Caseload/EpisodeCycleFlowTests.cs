using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Tests.Support;
using SecureBase.Timetable;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Caseload;

/// <summary>
/// The 12-week cycle on an episode through the API, the pages and the home page: each task due,
/// recorded, and gone; who may reach an episode; discharge and what it releases and tells; refusals.
/// They run on a term-time clock (<see cref="TermTimeApps"/>), whatever the date: an episode is started so that "today" falls in the cycle week a test needs.
/// </summary>
public sealed class EpisodeCycleFlowTests
{
    public sealed record Setup(TestApp App, TestSchool School, Pupil Pupil, EpisodeId EpisodeId, DateOnly Today);

    /// <summary>A new pupil in therapy with the school's therapist, started so that today is week <paramref name="week"/> of the first cycle.</summary>
    public static async Task<Setup> EpisodeInWeekAsync(DatabaseProvider provider, int week, Func<TestSchool, ReferralId?>? referral = null, StaffId? staff = null)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupil = (await PupilFactory.AddAsync(app, school, 1))[0];
        var today = SchoolTime.London.Today(app.Clock);
        var id = await QueryAsync(app, school, async db =>
        {
            var calendar = await SchoolCalendar.LoadAsync(db);
            var start = today;
            if (week > 0)
            {
                while (calendar.SchoolWeekNumber(start, today) != week)
                {
                    start = start.AddDays(-1);
                    start.ShouldBeGreaterThan(today.AddDays(-200), $"today ({today}) is not in a school week, so no episode can be in week {week} of its cycle");
                }
            }
            else
            {
                start = today.AddDays(14);
            }

            var episode = Episode.Import(school.Id, pupil.Id, staff ?? school.TherapistStaffId, Discipline.Counselling, start, referral?.Invoke(school));
            db.Episodes.Add(episode);
            await db.SaveChangesAsync();
            return episode.Id;
        });
        return new Setup(app, school, pupil, id, today);
    }

    private static object Analysis(string? background = "Lives with mum and two brothers") => new
    {
        ehcpReviewed = true, ehcpNote = "Section F reviewed", background, needs = "Anxiety in busy places", strengths = "Loves drawing",
        challenges = "Mornings", metPupil = true, metFamily = true, metTeachers = false, assessmentTools = "SDQ, RCADS",
    };

    private static object Goal(Guid? meeting) => new
    {
        specific = "Use a calm-down plan in lessons", measurable = "Fewer than 2 exits a week", achievable = "Already uses it at home",
        relevant = "Stays in class", timeBound = "By the end of the cycle", plannedInterventions = "CBT, weekly 1:1", mdtMeetingId = meeting,
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task Therapist_WorksThroughWeek6_AndEachTaskLeavesTheirHomePageOnceDone(DatabaseProvider provider)
    {
        var s = await EpisodeInWeekAsync(provider, 6);
        var name = s.Pupil.DisplayName;
        var api = $"/api/v1/episodes/{s.EpisodeId}";
        var therapist = await s.School.SignInAsync(Role.Therapist);

        var home = (await therapist.GetPageAsync("/")).Text;
        home.ShouldContain($"Show the confidentiality statement to {name}");
        home.ShouldContain($"Situation analysis due for {name}");
        home.ShouldContain($"SMART goals due for {name}");
        home.ShouldContain($"Week 6 check due for {name}");

        (await therapist.Http.PostAsJsonAsync($"{api}/confidentiality", new { shownOn = s.Today.AddDays(3), response = "Nodded" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await therapist.Http.PostAsJsonAsync($"{api}/confidentiality", new { shownOn = s.Today, response = "Asked who the team are; happy to start" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await therapist.Http.PostAsJsonAsync($"{api}/confidentiality", new { shownOn = s.Today, response = "Again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var incomplete = await therapist.Http.PostAsJsonAsync($"{api}/situation-analysis", Analysis(background: null));
        incomplete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await QueryAsync(s.App, s.School, db => db.SituationAnalyses.CountAsync(a => a.EpisodeId == s.EpisodeId))).ShouldBe(0, "a refused analysis changes nothing");
        (await therapist.Http.PostAsJsonAsync($"{api}/situation-analysis", Analysis())).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await therapist.Http.PostAsJsonAsync($"{api}/situation-analysis", Analysis())).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await therapist.Http.PostAsJsonAsync($"{api}/goals", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await therapist.Http.PostAsJsonAsync($"{api}/goals", Goal(Guid.NewGuid()))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a meeting that does not exist");
        var created = await therapist.Http.PostAsJsonAsync($"{api}/goals", Goal(s.School.MeetingId));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var goal = (await created.Content.ReadFromJsonAsync<CycleGoalDto>(Json.Options))!;
        (goal.Cycle, goal.MdtMeetingId, goal.Rating).ShouldBe((1, (Guid?)s.School.MeetingId, (GoalRating?)null));
        (await therapist.Http.PostAsJsonAsync($"{api}/goals/rating", new { goalId = goal.Id.Value, rating = "GoodProgress" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await therapist.Http.PostAsJsonAsync($"{api}/goals/rating", new { goalId = Guid.NewGuid(), rating = "Achieved" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var carried = await therapist.Http.PostAsJsonAsync($"{api}/goals/carry-forward", new { goalId = goal.Id.Value });
        carried.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await carried.Content.ReadFromJsonAsync<CycleGoalDto>(Json.Options))!.Cycle.ShouldBe(2);
        (await therapist.Http.PostAsJsonAsync($"{api}/goals/carry-forward", new { goalId = goal.Id.Value })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await therapist.Http.PostAsJsonAsync($"{api}/checks", new { kind = "OutcomeMeasures", note = "Too soon" })).StatusCode.ShouldBe(HttpStatusCode.Conflict, "outcome measures are due from week 11");
        (await therapist.Http.PostAsJsonAsync($"{api}/checks", new { kind = "Week6Check", note = "Using the plan twice a week" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await therapist.Http.PostAsJsonAsync($"{api}/checks", new { kind = "Week6Check", note = "Again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await therapist.Http.PutAsJsonAsync($"{api}/tier", new { tier = "ShortTerm", modality = "CBT" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var view = (await therapist.GetJsonAsync<EpisodeCycleDto>(api))!;
        (view.Position!.Cycle, view.Position.Week, view.Position.Phase).ShouldBe((1, 6, CyclePhase.TherapeuticAction));
        view.Due.ShouldBeEmpty();
        view.SituationAnalysis!.Strengths.ShouldBe("Loves drawing");
        view.Goals.Select(g => (g.Cycle, g.Rating)).ShouldBe([(1, (GoalRating?)GoalRating.GoodProgress), (2, null)]);
        (view.Tier, view.Modality, view.ConfidentialityExplainedOn).ShouldBe((TherapyTier.ShortTerm, "CBT", (DateOnly?)s.Today));

        // Week 6 is also the interim Therapy Outcome Measure (the outcomes module's task on the same home page).
        (await therapist.Http.PostAsJsonAsync($"{api}/tom-ratings", new { point = "Interim", cycle = 1, impairment = 3.5, activity = 2.5, participation = 1.5, wellBeing = 2, ratedOn = s.Today }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        home = (await therapist.GetPageAsync("/")).Text;
        home.ShouldNotContain($"due for {name}", Case.Sensitive, "every task for the pupil is done");
        home.ShouldNotContain($"confidentiality statement to {name}");
        var reads = await QueryAsync(s.App, s.School, db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == s.EpisodeId.ToString() && a.RecordType == "Episode").Select(a => a.Reason ?? "").ToListAsync());
        reads.ShouldContain(r => r.Contains("the pupil's own practitioner", StringComparison.Ordinal), "the read is audited with the reason the relationship implies");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task HeadOfTherapyReachesAnyEpisode_ATherapistOnlyTheirOwn_OtherRolesNone(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var colleague = await QueryAsync(app, school, async db =>
        {
            var other = StaffMember.Create(school.Id, "S98", new StaffDetails(null, "Other", "Practitioner", null, "Therapist", Discipline.Counselling, RegistrationBody.None, null, null, 20));
            db.StaffMembers.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        });
        var pupil = (await PupilFactory.AddAsync(app, school, 1))[0];
        var theirs = await QueryAsync(app, school, async db =>
        {
            var e = Episode.Import(school.Id, pupil.Id, colleague, Discipline.Counselling, SchoolTime.London.Today(app.Clock).AddDays(-20));
            db.Episodes.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });

        var therapist = await school.SignInAsync(Role.Therapist);
        (await therapist.GetAsync($"/episodes/{school.EpisodeId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await therapist.GetAsync($"/episodes/{theirs}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.GetAsync($"/api/v1/episodes/{theirs}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{theirs}/situation-analysis", Analysis())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{theirs}/discharge", new { reason = "ClinicalJudgement", summary = "Not mine" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.GetAsync("/episodes/reviews-due")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var page = await hot.GetPageAsync($"/episodes/{theirs}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Title.ShouldContain(pupil.DisplayName);
        page.Text.ShouldContain("Other Practitioner");
        (await hot.GetAsync($"/episodes/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        foreach (var role in new[] { Role.Sendco, Role.TherapyAssistant, Role.ParentCarer })
        {
            var user = await school.SignInAsync(role);
            (await user.GetAsync($"/episodes/{school.EpisodeId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} may not open an episode");
            (await user.GetAsync($"/api/v1/episodes/{school.EpisodeId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var other = await TestSchool.CreateAsync(app);
        (await hot.GetAsync($"/episodes/{other.EpisodeId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another school's episode");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Discharge_EndsTheWeeklySession_TellsTheParentWhoReferredAndTheHeadOfTherapy_AndTwiceIsAConflict(DatabaseProvider provider)
    {
        var s = await EpisodeInWeekAsync(provider, 3);
        var parent = s.School[Role.ParentCarer].Id;
        var session = await QueryAsync(s.App, s.School, async db =>
        {
            var r = Referral.Receive(s.School.Id, s.Pupil.Id, new NewReferral(ReferralSource.ParentCarer, parent, "Test Parent", Discipline.Counselling,
                ReferralReason.EmotionalWellbeing, null, "Worried about school", null, ReferralUrgency.Routine, true, false, Guid.NewGuid()), s.App.Clock.GetUtcNow().UtcDateTime);
            db.Referrals.Add(r);
            var episode = await db.Episodes.SingleAsync(e => e.Id == s.EpisodeId);
            db.Entry(episode).Property(nameof(Episode.ReferralId)).CurrentValue = r.Id;
            var weekly = WeeklySession.ForEpisode(s.School.Id, s.School.SiteId, s.School.TherapistStaffId, Discipline.Counselling, s.Pupil.Id, s.EpisodeId, []);
            db.WeeklySessions.Add(weekly);
            await db.SaveChangesAsync();
            return weekly.Id;
        });
        var api = $"/api/v1/episodes/{s.EpisodeId}/discharge";
        var therapist = await s.School.SignInAsync(Role.Therapist);

        (await therapist.Http.PostAsJsonAsync(api, new { reason = "Disengagement", summary = "Stopped coming" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "disengagement is the 6-week rule's, not chosen by hand");
        (await therapist.Http.PostAsJsonAsync(api, new { reason = "NaturalEndPoint" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await QueryAsync(s.App, s.School, db => db.Episodes.AsNoTracking().SingleAsync(e => e.Id == s.EpisodeId))).IsOpen.ShouldBeTrue("refusals change nothing");

        const string Summary = "Worked through the panic attacks with a CBT plan";
        (await therapist.Http.PostAsJsonAsync(api, new { reason = "NaturalEndPoint", summary = Summary })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await therapist.Http.PostAsJsonAsync(api, new { reason = "NaturalEndPoint", summary = Summary })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var ended = await QueryAsync(s.App, s.School, db => db.Episodes.AsNoTracking().SingleAsync(e => e.Id == s.EpisodeId));
        (ended.Status, ended.EndDate, ended.DischargeReason, ended.DischargeNote).ShouldBe((EpisodeStatus.Closed, (DateOnly?)s.Today, (DischargeReason?)DischargeReason.NaturalEndPoint, Summary));
        (await QueryAsync(s.App, s.School, db => db.WeeklySessions.AsNoTracking().SingleAsync(w => w.Id == session))).EndedOn.ShouldNotBeNull("the 1:1 weekly session ends with the episode");

        var notes = await QueryAsync(s.App, s.School, db => db.Notifications.AsNoTracking().Where(n => n.DedupeKey.StartsWith("episode-ended")).ToListAsync());
        var toParent = notes.Where(n => n.UserId == parent).ShouldHaveSingleItem();
        toParent.Title.ShouldBe($"{s.Pupil.DisplayName}'s therapy has finished");
        toParent.Body.ShouldNotContain("CBT", Case.Sensitive, "no clinical detail to parents");
        notes.ShouldContain(n => n.UserId == s.School[Role.HeadOfTherapy].Id && n.Title == $"Discharged: {s.Pupil.DisplayName}");

        // A closed episode takes no more of the cycle's work.
        (await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{s.EpisodeId}/goals", Goal(null))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{s.EpisodeId}/reviews", new { decision = "ContinueAnotherCycle", note = "Going well" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await therapist.GetPageAsync($"/episodes/{s.EpisodeId}")).Document.QuerySelector("#discharge")!.TextContent.ShouldContain(Summary);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task HeadOfTherapy_DischargesOnThePage_AndTheStaffReferrerIsTold(DatabaseProvider provider)
    {
        var s = await EpisodeInWeekAsync(provider, 2, school => school.ReferralId);
        var hot = await s.School.SignInAsync(Role.HeadOfTherapy);
        var url = $"/episodes/{s.EpisodeId}/discharge";

        var missing = await hot.SubmitAndReadAsync(url, [Form.Field("Input.Summary", "Moved to another county")]);
        missing.Errors.ShouldContain("Enter a reason");
        var done = await hot.SubmitAsync(url, [Form.Field("Input.Reason", "MovedSchool"), Form.Field("Input.Summary", "Moved to another county")]);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var teacher = s.School[Role.EducationStaff].Id;
        var told = await QueryAsync(s.App, s.School, db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == teacher && n.DedupeKey.StartsWith("episode-ended")));
        told.Title.ShouldBe($"Therapy finished: {s.Pupil.DisplayName}");
        told.Body.ShouldContain("they have moved school");
        (await hot.GetPageAsync(url)).Text.ShouldContain("already ended");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BeforeTheEpisodeStarts_GoalsChecksAndTheSituationAnalysisAreRefused(DatabaseProvider provider)
    {
        var s = await EpisodeInWeekAsync(provider, 0);
        var api = $"/api/v1/episodes/{s.EpisodeId}";
        var therapist = await s.School.SignInAsync(Role.Therapist);

        var goal = await therapist.Http.PostAsJsonAsync($"{api}/goals", Goal(null));
        goal.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await goal.Content.ReadAsStringAsync()).ShouldContain("goals are agreed once it has started");
        (await therapist.Http.PostAsJsonAsync($"{api}/situation-analysis", Analysis())).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await therapist.Http.PostAsJsonAsync($"{api}/checks", new { kind = "Week6Check", note = "Early" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await QueryAsync(s.App, s.School, db => db.CycleGoals.CountAsync())).ShouldBe(0);
        (await therapist.GetPageAsync($"/episodes/{s.EpisodeId}")).Document.QuerySelector("#cycle-position")!.TextContent.ShouldBe("Not started yet");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MdtAgenda_ListsTheWeek6Check_AndTheTomCheck_UntilTheCheckIsRecorded(DatabaseProvider provider)
    {
        var s = await EpisodeInWeekAsync(provider, 6);
        async Task<IReadOnlyList<MdtAgendaItem>> AgendaAsync()
        {
            await using var scope = s.App.Scope();
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(s.School.Id);
            return await scope.ServiceProvider.GetRequiredService<MdtMeetings>().DraftAgendaAsync(s.Today);
        }

        var agenda = await AgendaAsync();
        agenda.ShouldContain(i => i.Kind == AgendaItemKind.CycleTaskDue && i.Title == $"week 6 check due for {s.Pupil.DisplayName}" && i.PupilId == s.Pupil.Id);
        agenda.ShouldContain(i => i.Kind == AgendaItemKind.TomCheckDue && i.Title == $"TOM check due: {s.Pupil.DisplayName}" && i.Detail!.StartsWith("interim measure, week 6 of cycle 1", StringComparison.Ordinal));
        agenda.ShouldNotContain(i => i.Title.StartsWith("Show the confidentiality", StringComparison.Ordinal));

        var therapist = await s.School.SignInAsync(Role.Therapist);
        (await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{s.EpisodeId}/checks", new { kind = "Week6Check", note = "Settling" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await AgendaAsync()).ShouldNotContain(i => i.Title == $"week 6 check due for {s.Pupil.DisplayName}");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TermlyReview_IsListedForTheHeadOfTherapyWhenATermEnds_AndRecordedOncePerTerm(DatabaseProvider provider)
    {
        var s = await EpisodeInWeekAsync(provider, 5);
        var term = await QueryAsync(s.App, s.School, async db => EpisodeCycles.ReviewableTerm(await SchoolCalendar.LoadAsync(db), s.Today));
        var hot = await s.School.SignInAsync(Role.HeadOfTherapy);
        var api = $"/api/v1/episodes/{s.EpisodeId}/reviews";
        var list = await hot.GetPageAsync("/episodes/reviews-due");
        var home = await hot.GetPageAsync("/");

        (await hot.Http.PostAsJsonAsync(api, new { decision = "Change", note = "Needs more" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a change says what changes");
        var recorded = await hot.Http.PostAsJsonAsync(api, new { decision = "Change", change = "Fortnightly sessions", note = "Good progress" });
        if (term is null)
        {
            // Today is not in the last two weeks of a term nor the holiday after one: nothing to review.
            list.Text.ShouldNotContain(s.Pupil.DisplayName);
            home.Text.ShouldNotContain($"Termly review due for {s.Pupil.DisplayName}");
            recorded.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await recorded.Content.ReadAsStringAsync()).ShouldContain("No term is ending");
            return;
        }

        list.Document.QuerySelector("#reviews-due")!.TextContent.ShouldContain(s.Pupil.DisplayName);
        home.Text.ShouldContain($"Termly review due for {s.Pupil.DisplayName}", customMessage: "listed on the home page until it is recorded");
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await hot.Http.PostAsJsonAsync(api, new { decision = "ContinueAnotherCycle", note = "Again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await hot.GetPageAsync("/episodes/reviews-due")).Text.ShouldNotContain(s.Pupil.DisplayName);
        (await hot.GetJsonAsync<EpisodeCycleDto>($"/api/v1/episodes/{s.EpisodeId}"))!.Reviews.ShouldHaveSingleItem().Change.ShouldBe("Fortnightly sessions");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EpisodePage_ShowsTheCycle_AndThePractitionerRecordsTheStatementSituationAnalysisAndTierOnItsPages(DatabaseProvider provider)
    {
        var s = await EpisodeInWeekAsync(provider, 1);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var url = $"/episodes/{s.EpisodeId}";

        var page = await therapist.GetPageAsync(url);
        page.Title.ShouldContain(s.Pupil.DisplayName);
        page.Document.QuerySelector("#cycle-position")!.TextContent.ShouldBe("Cycle 1, week 1 of 12: assessment");
        page.Document.QuerySelector("#due")!.TextContent.ShouldContain($"Show the confidentiality statement to {s.Pupil.DisplayName}");
        page.Document.QuerySelector("#sessions").ShouldNotBeNull("the hub sessions and notes link into");
        (await therapist.GetPageAsync("/caseload")).Document.QuerySelector($"a[href='/episodes/{s.EpisodeId}']").ShouldNotBeNull();

        var statement = await therapist.GetPageAsync($"{url}/confidentiality");
        statement.Text.ShouldContain("four times when I might need to share something");
        (await therapist.SubmitAndReadAsync($"{url}/confidentiality", [Form.Field("Input.Response", "")])).Errors.ShouldContain("Enter how the pupil responded");
        (await therapist.SubmitAsync($"{url}/confidentiality", [Form.Field("Input.Response", "Relieved it stays private")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var noOneMet = await therapist.SubmitAndReadAsync($"{url}/situation-analysis",
            [Form.Field("Input.EhcpReviewed", "false"), Form.Field("Input.Background", "b"), Form.Field("Input.Needs", "n"), Form.Field("Input.Strengths", "s"), Form.Field("Input.Challenges", "c")]);
        noOneMet.Errors.ShouldContain("Tick who was met: the pupil, the family, teachers");
        (await therapist.SubmitAsync($"{url}/situation-analysis",
            [Form.Field("Input.EhcpReviewed", "false"), Form.Field("Input.Background", "Young carer"), Form.Field("Input.Needs", "n"), Form.Field("Input.Strengths", "s"), Form.Field("Input.Challenges", "c"), Form.Field("Input.MetPupil", "true")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await therapist.SubmitAsync(url, [Form.Field("Tier.Tier", "LongTerm"), Form.Field("Tier.Modality", "Art-based")], "#tier-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await therapist.GetPageAsync(url);
        page.Document.QuerySelector("#confidentiality")!.TextContent.ShouldContain("Relieved it stays private");
        page.Document.QuerySelector("#situation-analysis")!.TextContent.ShouldContain("Young carer");
        page.Document.QuerySelector("#tier")!.TextContent.ShouldContain("Tiers 2–3: longer-term psychotherapy; modality: Art-based");
        page.Document.QuerySelector("#due")!.TextContent.ShouldContain("Nothing is due.");
    }
}
