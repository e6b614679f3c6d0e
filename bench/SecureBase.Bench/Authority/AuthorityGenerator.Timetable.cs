using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Sessions;
using SecureBase.Sessions.Notes;
using SecureBase.Staff;
using SecureBase.Timetable;

namespace SecureBase.Bench.Authority;

/// <summary>
/// A school's rooms, calendar and timetable, and the weeks of sessions already held: every open episode has its weekly
/// session, placed by hand rather than by the scheduler (which would take minutes for 50 schools); the past weeks'
/// occurrences are recorded as their practitioners would have (mostly attended, each attended one with a confidential
/// note), and this week's and later ones are planned by the application's own <see cref="OccurrencePlanner"/>.
/// </summary>
internal sealed partial class AuthorityGenerator
{
    private static readonly string[] MultiPurposeRooms =
    [
        "Library meeting room", "Quiet room", "Small hall", "Art room", "Music room", "Sensory room", "Family room",
        "Learning mentor's room", "Studio 2", "Inclusion base", "Meeting room 1", "Meeting room 2", "Medical room",
    ];

    // Two practitioners share a room: one has it in the mornings, the other in the afternoons, so their sessions never clash.
    private static readonly int[] Mornings = [9, 10, 11];
    private static readonly int[] Afternoons = [12, 13, 14];

    // What a practitioner writes after a session, by therapy ({0} is the pupil's first name).
    private static readonly string[] SpeechNotes =
    [
        "Speech sound work on /s/ blends in words and short phrases: about 70% accurate with a visual cue, fewer without. {0} enjoyed the barrier game and asked to play it with a friend next time.",
        "Narrative work with the story grammar cards. {0} retold the weekend with a clear beginning and end, and used \"because\" twice without a prompt. Shared the cards with the class teacher.",
        "Vocabulary for the science topic (evaporate, condense, solid). {0} could explain two of the three in their own words and drew the water cycle to show the third. Word map sent home.",
    ];

    private static readonly string[] OccupationalNotes =
    [
        "Sensory circuit before the session helped; {0} settled within five minutes. Worked on pencil grip with the triangular grip and wrote a short sentence more legibly than last week.",
        "Practised doing up buttons and a zip for PE changing; {0} managed the zip alone for the first time and was proud of it. Agreed a visual checklist with the teaching assistant.",
        "Fine motor work with the therapy putty and threading. {0} tired after ten minutes but kept going with movement breaks. Suggested a wobble cushion for carpet time.",
    ];

    private static readonly string[] TalkingNotes =
    [
        "{0} arrived quietly and chose the sand tray straight away. Built a wall around a small house and said \"nobody can get in now\". We talked about the places where {0} feels safe; the library at lunchtime came up twice.",
        "Worked on the feelings thermometer. {0} rated this week a 6, down from an 8, and linked the better days to walking to school with a friend. Agreed to try the breathing card before maths.",
        "{0} was tired and low to begin with but engaged well once we started drawing. Said \"my head is too busy at bedtime\". We practised the worry box idea and {0} will keep a list to bring next week.",
        "Used the puppets to replay the argument in the playground. {0} took the other child's part and said \"maybe he was scared too\", which is new. Praised the perspective-taking.",
        "{0} talked about the move to the next class and said the bigger corridors feel \"like a maze\". We drew a map together and marked where the support base is. Plan to visit with the SENCO before half term.",
        "Reflected calmly on last week's incident at lunchtime. {0} named the warning signs (hot face, fists) and chose a new strategy to try in class: asking for a movement break. Will check in with the class teacher on Friday.",
    ];

    private int _notes;

    /// <summary>
    /// The bench runs on any date, so each school's calendar is made around it, not from fixed term dates: one academic
    /// year of six-week half terms with a week's holiday between, in which the fifth half term holds the weeks of
    /// sessions, this week and the next, and the sixth (three weeks) ends the year. A holiday among the recorded weeks
    /// would leave a week empty, and a run in a real holiday would measure pages with nothing on them this week. The
    /// earlier half terms give the older episodes school weeks to count (their cycles are at different weeks, as in a
    /// real school); the year ends soon after this week because every school week ahead is one more occurrence of every
    /// weekly session to generate (at authority scale about 3,700 rows a week, a quarter of a second).
    /// </summary>
    private AcademicYear CalendarFor(SchoolId school, DateOnly monday)
    {
        var current = monday.AddDays(-7 * (sessionWeeks + 1));
        var first = current.AddDays(-7 * 4 * 7);
        int[] weeks = [6, 6, 6, 6, sessionWeeks + 3, 3];
        var halfTerms = new Dictionary<HalfTermName, DayRange>();
        var from = first;
        for (var h = 0; h < weeks.Length; h++)
        {
            halfTerms[HalfTermNames.InOrder[h]] = new DayRange(from, from.AddDays(7 * weeks[h] - 3));
            from = from.AddDays(7 * (weeks[h] + 1));
        }

        var year = AcademicYear.Create(school, new AcademicYearDates(first, first.AddYears(1).AddDays(-1), halfTerms), []);
        return year.IsSuccess ? year.Value : throw new InvalidOperationException(year.Error!.Message);
    }

    /// <summary>
    /// The school's rooms, calendar, weekly sessions and accepted timetable (in force from the Monday <c>sessionWeeks</c>
    /// weeks ago), the past occurrences recorded with notes, and this week's and later ones planned.
    /// </summary>
    private async Task TimetableAsync(SecureBaseDb db, IServiceProvider scoped, School school, Site site,
        IReadOnlyList<(StaffMember Member, AppUser User)> staff, IReadOnlyList<(Episode Episode, StaffMember Member, Guid UserId)> openEpisodes,
        IReadOnlyList<Pupil> pupils, DateTime now, DateOnly today)
    {
        // Rooms on the school's one site: the dedicated therapy room and multi-purpose rooms, one for every two
        // practitioners, each with what its practitioners' therapies need (a sand tray for play therapy, a sink for art).
        var rooms = new List<Room>();
        var weekdays = Enumerable.Range(1, 5).Select(d => (DayOfWeek)d).ToList();
        for (var r = 0; r < (staff.Count + 1) / 2; r++)
        {
            var needs = staff.Skip(2 * r).Take(2).SelectMany(s => Requires(s.Member.Discipline!.Value)).ToList();
            var details = r == 0
                ? new RoomDetails(site.Id, "The Nest", RoomKind.DedicatedTherapy, [RoomFeature.Sink, RoomFeature.SandTray, RoomFeature.Soundproofing, RoomFeature.StepFree, .. needs],
                    ["Puppets", "Worry teddies", "Therapeutic putty", "Sand tray figures"], true, 4,
                    [.. weekdays.Select(d => new TherapyBlock(d, new TimeOnly(8, 45), new TimeOnly(15, 20)))])
                : new RoomDetails(site.Id, r - 1 < MultiPurposeRooms.Length ? MultiPurposeRooms[r - 1] : $"Room {r}", RoomKind.MultiPurpose, [RoomFeature.StepFree, .. needs],
                    ["Strategy books"], false, 8, [.. weekdays.Select(d => new TherapyBlock(d, new TimeOnly(9, 0), new TimeOnly(15, 0)))]);
            var room = Room.Create(school.Id, details, rooms);
            rooms.Add(room.IsSuccess ? room.Value : throw new InvalidOperationException(room.Error!.Message));
            db.Rooms.Add(room.Value);
        }

        // Each open episode's weekly session: a practitioner's k-th on weekday (k % 5) + 1 in their half of the day in
        // their room (caseloads are 10–14, within the 15 places that gives).
        var sessions = new Dictionary<WeeklySessionId, (WeeklySession Session, Episode Episode, StaffMember Member, AppUser User)>();
        var placements = new List<PlacementDetails>();
        for (var i = 0; i < staff.Count; i++)
        {
            var (member, user) = staff[i];
            var hours = i % 2 == 0 ? Mornings : Afternoons;
            var k = 0;
            foreach (var (episode, _, _) in openEpisodes.Where(e => e.Member.Id == member.Id))
            {
                var session = WeeklySession.ForEpisode(school.Id, site.Id, member.Id, episode.Discipline, episode.PupilId, episode.Id, Requires(episode.Discipline));
                var start = new TimeOnly(hours[k / 5], 0);
                placements.Add(new PlacementDetails(session.Id, (DayOfWeek)(k % 5 + 1), null, start, start.AddMinutes(session.Minutes), rooms[i / 2].Id));
                db.WeeklySessions.Add(session);
                sessions[session.Id] = (session, episode, member, user);
                k++;
            }
        }

        var monday = SchoolDates.MondayOf(today);
        db.AcademicYears.Add(CalendarFor(school.Id, monday));
        await db.SaveChangesAsync();

        // Accepted by the Head of Therapy the Friday before it came into force. The planner adds it and plans every
        // occurrence from today to the end of the calendar, as accepting a timetable does; the earlier ones are made below.
        var from = monday.AddDays(-7 * sessionWeeks);
        var accepted = TimetableVersion.Accept(school.Id, null, from, placements, staff[0].User.Id, from.AddDays(-3).ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc));
        var version = accepted.IsSuccess ? accepted.Value : throw new InvalidOperationException(accepted.Error!.Message);
        await new OccurrencePlanner(db).ApplyAsync(version, today);
        db.ChangeTracker.Clear();

        // Every earlier occurrence (school days only, from the day its episode started) as the planner would have made
        // it, recorded with attendance (mostly attended) and, when the pupil came, a note by the practitioner.
        var calendar = await SchoolCalendar.LoadAsync(db);
        var cipher = scoped.GetRequiredService<NoteCipher>();
        var names = pupils.ToDictionary(p => p.Id, p => p.FirstName);
        var timeNow = new TimeOnly(23, 0);
        var batch = 0;
        foreach (var week in calendar.SchoolWeeksBetween(from, today.AddDays(-1)))
        {
            foreach (var p in version.Placements)
            {
                var date = week.Monday.AddDays(((int)p.Day + 6) % 7);
                var (session, episode, member, user) = sessions[p.SessionId];
                if (date >= today || !calendar.IsSchoolDay(date) || date < episode.StartDate)
                {
                    continue;
                }

                // Recording a timetabled session keeps its occurrence as held (KeepRecordedOccurrences), so a later
                // timetable never replaces it; the handler does not run for history, so it is done here.
                var o = SessionOccurrence.Plan(school.Id, version.Id, session, date, p);
                o.KeepAsHeld();
                db.SessionOccurrences.Add(o);
                var attendance = _random.Next(100) switch
                {
                    < 80 => Attendance.Attended,
                    < 90 => Attendance.PupilAbsent,
                    < 95 => Attendance.CancelledBySchool,
                    _ => Attendance.CancelledByTherapist,
                };
                var engagement = attendance == Attendance.Attended ? (Engagement)(2 + _random.Next(4)) : (Engagement?)null;
                var recordedAt = calendar.ToUtc(o.Date, o.End.AddMinutes(15));
                var recorded = TherapySession.Record(school.Id, o.StaffId, session.Discipline, SessionKind.Timetabled, o.Id, o.Date, o.Start, (int)(o.End - o.Start).TotalMinutes, o.RoomId, null,
                    [new MemberRecording(episode.PupilId, attendance, engagement, null)],
                    new SessionExpectation([new ExpectedPupil(episode.PupilId, episode.Id, "", true)], today, timeNow), user.Id, recordedAt);
                if (!recorded.IsSuccess)
                {
                    throw new InvalidOperationException(recorded.Error!.Message);
                }

                // Recorded as history: the 6-week rule's handlers are not run again for each one.
                recorded.Value.TakeEvents();
                db.TherapySessions.Add(recorded.Value);
                _sessions++;
                if (attendance == Attendance.Attended)
                {
                    var texts = session.Discipline switch
                    {
                        Discipline.SpeechAndLanguage => SpeechNotes,
                        Discipline.OccupationalTherapy => OccupationalNotes,
                        _ => TalkingNotes,
                    };
                    var text = string.Format(CultureInfo.InvariantCulture, Pick(texts), names[episode.PupilId]);
                    var note = SessionNote.Write(school.Id, NoteKind.Session, recorded.Value.Id, episode.Id, episode.PupilId,
                        new NoteAuthor(user.Id, member.Id, user.DisplayName), text, cipher, recordedAt.AddMinutes(20));
                    db.SessionNotes.Add(note.IsSuccess ? note.Value : throw new InvalidOperationException(note.Error!.Message));
                    _notes++;
                }

                if (++batch % 2000 == 0)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>The room features a therapy's sessions need, as the application asks of a new weekly session.</summary>
    private static IEnumerable<RoomFeature> Requires(Discipline discipline) =>
        Enum.GetValues<RoomFeature>().Where(f => AllocationDesk.FeaturesFor(discipline).Contains(RoomFeatures.Id(f)));
}
