using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Sessions;
using SecureBase.Timetable;

namespace SecureBase.Demo;

/// <summary>
/// A term of session history for a demo school (this term's, or in a holiday the term just ended), so every page has something to show. The demo
/// timetable starts this week, so the past weeks of this term get their occurrences the way the
/// planner makes them (<see cref="PlanPastWeeksAsync"/>);
/// then every past occurrence is recorded as its practitioner would have: mostly attended with varied
/// engagement, some refused, some absent or cancelled, the displaced ones "displaced from room" linked
/// to their displacement, and the confidentiality statement shown at each episode's first session.
/// One pupil of the full demo has refused the last 3 weeks (the warning is sent through the same save,
/// so they are on the MDT agenda); nobody else refuses 3 weeks in a row, so nobody passes 6 silently.
/// Deterministic (its own seeded Random) and saved in one go.
/// </summary>
internal static class DemoSessions
{
    private static readonly string[] Responses =
    [
        "Listened carefully and asked what happens if they tell a teacher something",
        "Said they understood; wanted to know who else would read the notes",
        "Nodded and said it felt fair",
        "Asked whether their parents would be told; reassured, and happy to start",
        "Quiet, but repeated the four exceptions back in their own words",
    ];

    /// <summary>
    /// The past weeks of this term, before the demo timetable came into force: their occurrences as the planner makes
    /// them (the version's placements, school days only, while each session ran). Before the displacements, so the
    /// governors' visit can fall on last week when today is the first school day of the week.
    /// </summary>
    public static async Task PlanPastWeeksAsync(SecureBaseDb db, DateOnly today, CancellationToken ct)
    {
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var version = await db.TimetableVersions.Include(v => v.Placements).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        var term = TermOf(calendar, today);
        if (version is null || term is null)
        {
            return;
        }

        var sessions = await db.WeeklySessions.ToDictionaryAsync(s => s.Id, ct);
        foreach (var week in calendar.SchoolWeeksBetween(term.First.FirstDay, version.EffectiveFrom.AddDays(-1)))
        {
            foreach (var p in version.Placements)
            {
                var date = week.Monday.AddDays(((int)p.Day + 6) % 7);
                if (date < version.EffectiveFrom && calendar.IsSchoolDay(date) && sessions.TryGetValue(p.SessionId, out var session) && session.IsRunningOn(date))
                {
                    db.SessionOccurrences.Add(SessionOccurrence.Plan(version.SchoolId, version.Id, session, date, p));
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records every past occurrence of this term (planned by <see cref="PlanPastWeeksAsync"/> and the timetable).</summary>
    public static async Task SeedAsync(SecureBaseDb db, DateOnly today, DateTime now, bool withNearingLimit, CancellationToken ct, int displaceEvery = 0)
    {
        var random = new Random(1104);
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        if (TermOf(calendar, today) is null)
        {
            return;
        }

        var sessions = await db.WeeklySessions.ToDictionaryAsync(s => s.Id, ct);
        var episodes = await db.Episodes.Where(e => e.Status == EpisodeStatus.Open).ToDictionaryAsync(e => e.Id, ct);
        var staffUsers = await db.StaffMembers.Where(s => s.UserId != null).ToDictionaryAsync(s => s.Id, s => s.UserId!.Value, ct);

        var past = await db.SessionOccurrences.Where(o => o.Date < today && o.Status != OccurrenceStatus.Cancelled)
            .OrderBy(o => o.Date).ThenBy(o => o.Start).ToListAsync(ct);
        if (displaceEvery > 0)
        {
            // The smaller schools of the demo authority (no bookings there): now and then a room was taken for an exam, a
            // meeting, another use or maintenance, at varied notice.
            DisplacementCause[] causes = [DisplacementCause.Exam, DisplacementCause.Meeting, DisplacementCause.OtherUse, DisplacementCause.Maintenance, DisplacementCause.Meeting];
            for (var i = displaceEvery / 2; i < past.Count; i += displaceEvery)
            {
                db.Displacements.Add(Displacement.Record(past[i], causes[i % causes.Length], random.Next(1, 72), Guid.Empty, null, now));
            }

            await db.SaveChangesAsync(ct);
        }

        var displaced = await db.Displacements.ToDictionaryAsync(d => d.OccurrenceId, d => d.Id, ct);
        var toRecord = past
            .Select(o => (Occurrence: o, Pupils: sessions[o.SessionId].Pupils.Where(p => episodes.TryGetValue(p.EpisodeId, out var e) && e.StartDate <= o.Date).ToList()))
            .Where(x => x.Pupils.Count > 0)
            .ToList();

        // The pupil nearing the limit: a 1:1 pupil with at least five weeks of sessions refused the last three (not displaced).
        var forced = new Dictionary<OccurrenceId, Attendance>();
        if (withNearingLimit)
        {
            // Their practitioner signs in (so the warning reaches someone in the demo), whichever episode was made first.
            var signsIn = (await db.StaffMembers.Where(s => s.UserId != null).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
            var candidate = toRecord.Where(x => x.Pupils.Count == 1 && !sessions[x.Occurrence.SessionId].IsGroup && !displaced.ContainsKey(x.Occurrence.Id)
                                                && signsIn.Contains(sessions[x.Occurrence.SessionId].StaffId))
                .GroupBy(x => x.Pupils[0].EpisodeId)
                .Where(g => g.Select(x => SchoolDates.MondayOf(x.Occurrence.Date)).Distinct().Count() >= 5)
                .OrderBy(g => g.Key.Value)
                .FirstOrDefault();
            if (candidate is not null)
            {
                var last = candidate.OrderByDescending(x => x.Occurrence.Date).Take(4).ToList();
                for (var i = 0; i < last.Count; i++)
                {
                    forced[last[i].Occurrence.Id] = i < 3 ? Attendance.Refused : Attendance.Attended;
                }
            }
        }

        var runs = new Dictionary<EpisodeId, int>();
        var timeNow = TimeOnly.FromDateTime(db.SchoolContext.Time.ToLocal(now));
        foreach (var (o, pupils) in toRecord)
        {
            var session = sessions[o.SessionId];
            var displacement = displaced.TryGetValue(o.Id, out var d) ? d : (DisplacementId?)null;
            var recorded = new List<MemberRecording>();
            var expected = new List<ExpectedPupil>();
            foreach (var pupil in pupils)
            {
                var episode = episodes[pupil.EpisodeId];
                var attendance = displacement is not null ? Attendance.DisplacedFromRoom
                    : forced.TryGetValue(o.Id, out var f) ? f
                    : Pick(random, runs.GetValueOrDefault(episode.Id));
                runs[episode.Id] = attendance switch
                {
                    Attendance.Attended => 0,
                    Attendance.Refused => runs.GetValueOrDefault(episode.Id) + 1,
                    _ => runs.GetValueOrDefault(episode.Id),
                };
                if (episode.ConfidentialityExplainedOn is null)
                {
                    episode.RecordConfidentialityExplained(o.Date, Responses[random.Next(Responses.Length)], today);
                }

                var engagement = attendance == Attendance.Attended ? (Engagement)Math.Clamp(random.Next(2, 6) + (random.Next(4) == 0 ? -1 : 0), 1, 5) : (Engagement?)null;
                recorded.Add(new MemberRecording(pupil.PupilId, attendance, engagement, null));
                expected.Add(new ExpectedPupil(pupil.PupilId, pupil.EpisodeId, "", episode.ConfidentialityExplainedOn is not null));
            }

            var minutes = (int)(o.End - o.Start).TotalMinutes;
            var made = TherapySession.Record(o.SchoolId, o.StaffId, session.Discipline, SessionKind.Timetabled, o.Id, o.Date, o.Start, minutes, o.RoomId, displacement,
                recorded, new SessionExpectation(expected, today, timeNow), staffUsers.GetValueOrDefault(o.StaffId), now);
            if (made.IsSuccess)
            {
                db.TherapySessions.Add(made.Value);
            }
        }

        // One save: the 6-week rule counts every episode as the sessions are recorded, and warns about the pupil nearing the limit.
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The term today is in or, in a holiday, the term just ended: a demo started at Christmas has the autumn's history.</summary>
    private static Term? TermOf(SchoolCalendar calendar, DateOnly today) =>
        calendar.YearOf(today)?.Terms.LastOrDefault(t => t.First.FirstDay <= today);

    /// <summary>Mostly attended; refused now and then, but never a third week running (only the chosen pupil nears the limit).</summary>
    private static Attendance Pick(Random random, int refusedInARow) => random.Next(100) switch
    {
        < 76 => Attendance.Attended,
        < 86 => refusedInARow < 2 ? Attendance.Refused : Attendance.Attended,
        < 93 => Attendance.PupilAbsent,
        < 97 => Attendance.CancelledBySchool,
        _ => Attendance.CancelledByTherapist,
    };
}
