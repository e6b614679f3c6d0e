using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Sessions;
using SecureBase.Sessions.Notes;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Sessions.Notes;

/// <summary>Sessions, pupils and notes put straight into a test school, for the note tests and the relationship matrix.</summary>
internal static class NoteTestData
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<SchoolId, SessionNoteId> Samples = new();

    /// <summary>The route sample for <c>noteId</c>: the note planted in a relationship school, else one that was never written (404).</summary>
    public static string SampleNoteFor(SchoolId school) =>
        (Samples.TryGetValue(school, out var id) ? id.Value : Guid.Parse("0198f1a2-0000-7000-8000-00000000a0e1")).ToString();

    public static void RegisterSample(SchoolId school, SessionNoteId note) => Samples[school] = note;

    /// <summary>A drop-in session yesterday held by <paramref name="staff"/>, every pupil attending.</summary>
    public static async Task<TherapySessionId> AddSessionAsync(TestApp app, SchoolId schoolId, StaffId staff, Discipline discipline, params (PupilId Pupil, EpisodeId Episode)[] pupils)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(schoolId);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var session = TherapySession.Record(schoolId, staff, discipline, SessionKind.DropIn, null, today.AddDays(-1), new TimeOnly(10, 0), 30, null, null,
            pupils.Select(p => new MemberRecording(p.Pupil, Attendance.Attended, Engagement.Mostly, null)).ToList(),
            new SessionExpectation(pupils.Select(p => new ExpectedPupil(p.Pupil, p.Episode, "Pupil", true)).ToList(), today, new TimeOnly(23, 59)), Guid.NewGuid(), now);
        db.TherapySessions.Add(session.Value);
        await db.SaveChangesAsync();
        return session.Value.Id;
    }

    /// <summary>A note written (and sealed with the application's note key) as if by <paramref name="author"/>.</summary>
    public static async Task<SessionNoteId> PlantNoteAsync(TestApp app, SchoolId schoolId, NoteAuthor author, NoteKind kind, TherapySessionId? session, EpisodeId? episode, PupilId? pupil, string text)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(schoolId);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var note = SessionNote.Write(schoolId, kind, session, episode, pupil, author, text, scope.ServiceProvider.GetRequiredService<NoteCipher>(), app.Clock.GetUtcNow().UtcDateTime);
        db.SessionNotes.Add(note.Value);
        await db.SaveChangesAsync();
        return note.Value.Id;
    }

    /// <summary>
    /// A new pupil in therapy with the school's therapist, the episode started so that today is week
    /// <paramref name="week"/> of its cycle (in a holiday, the week the cycle paused at), found on the school's calendar.
    /// </summary>
    public static async Task<(PupilId Pupil, EpisodeId Episode)> EpisodeInWeekAsync(TestApp app, TestSchool school, int week)
    {
        var pupil = (await PupilFactory.AddAsync(app, school, 1))[0];
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var calendar = await SecureBase.Schools.SchoolCalendar.LoadAsync(db);
        var today = SecureBase.Schools.SchoolTime.London.Today(app.Clock);
        var start = today;
        while (EpisodeCycles.PositionNow(calendar, start, today)?.Week != week)
        {
            start = start.AddDays(-1);
            start.ShouldBeGreaterThan(today.AddDays(-300), $"no start date puts today ({today}) in week {week} of a cycle on the test calendar");
        }

        var episode = Episode.Import(school.Id, pupil.Id, school.TherapistStaffId, Discipline.Counselling, start);
        db.Episodes.Add(episode);
        await db.SaveChangesAsync();
        return (pupil.Id, episode.Id);
    }

    /// <summary>A second pupil in therapy with a practitioner who is none of the test users, and a note that practitioner wrote about them.</summary>
    public static async Task<(PupilId Pupil, EpisodeId Episode, SessionNoteId Note)> ColleaguesPupilWithANoteAsync(TestApp app, TestSchool school, string text)
    {
        PupilId pupilId;
        EpisodeId episodeId;
        StaffId colleagueId;
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var upn = Upn.TryParse($"{Upn.CheckLetterFor("201100018047")}201100018047", out var u, out var problem) ? u : throw new InvalidOperationException(problem);
            var pupil = Pupil.Create(school.Id, upn, new PupilDetails("Robin", "Colleague" + TestSchool.Letters(6), null, null, new DateOnly(2014, 5, 6), 7, "7B", false, SenStatus.SenSupport, false, school.SiteId), now);
            db.Pupils.Add(pupil);
            var colleague = StaffMember.Create(school.Id, "S98", new StaffDetails(null, "Other", "Practitioner", null, "Therapist", Discipline.MusicTherapy, RegistrationBody.None, null, null, 20));
            db.StaffMembers.Add(colleague);
            var episode = Episode.Import(school.Id, pupil.Id, colleague.Id, Discipline.MusicTherapy, DateOnly.FromDateTime(now).AddDays(-20));
            db.Episodes.Add(episode);
            await db.SaveChangesAsync();
            (pupilId, episodeId, colleagueId) = (pupil.Id, episode.Id, colleague.Id);
        }

        var session = await AddSessionAsync(app, school.Id, colleagueId, Discipline.MusicTherapy, (pupilId, episodeId));
        var note = await PlantNoteAsync(app, school.Id, new NoteAuthor(Guid.NewGuid(), colleagueId, "Other Practitioner"), NoteKind.Session, session, episodeId, pupilId, text);
        return (pupilId, episodeId, note);
    }
}
