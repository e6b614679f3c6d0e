using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Staff;

namespace SecureBase.Development;

/// <summary>
/// The demo school's staff development (kept in the module, as the cycle's demo data is, since it builds the module's own
/// records): a term of supervision with one practitioner overdue, CPD records, SEMH awareness training delivered to staff,
/// an HCPC registration due for renewal in five weeks, and version 2 of the lone-worker risk assessment that one
/// practitioner has not yet acknowledged.
/// </summary>
public static class DevelopmentDemoData
{
    public static async Task SeedAsync(SecureBaseDb db, DateOnly today, DateTime now, CancellationToken ct)
    {
        var school = db.CurrentSchoolId;
        var staff = await db.StaffMembers.Where(s => s.LeftOn == null).OrderBy(s => s.StaffCode).ToListAsync(ct);
        var practitioners = staff.Where(s => s.Discipline is not null).ToList();
        if (practitioners.Count < 2)
        {
            return;
        }

        var headUsers = await db.Memberships.AsNoTracking().Where(m => m.Role == Role.HeadOfTherapy).Select(m => m.UserId).ToListAsync(ct);
        var head = staff.FirstOrDefault(s => s.UserId is { } u && headUsers.Contains(u));
        var by = head?.UserId ?? Guid.Empty;
        var therapists = practitioners.Where(p => p.Discipline is not (Discipline.Elsa or Discipline.TherapyAssistant)).ToList();
        var assistants = practitioners.Where(p => p.Discipline is Discipline.Elsa or Discipline.TherapyAssistant).ToList();
        var supervisor = head ?? therapists.First();
        var overdue = therapists.FirstOrDefault(t => t.Id != supervisor.Id && t.UserId is null) ?? therapists.Last(t => t.Id != supervisor.Id);

        // Monthly individual supervision for the therapists over the term; the overdue one last seen seven weeks ago.
        string[] notes =
        [
            "Reflected on holding boundaries when a pupil asks to extend a session. Agreed to revisit the contract with them next week.",
            "Talked through the weight of two safeguarding disclosures this half term; plan to use the team consultation slot.",
            "Caseload at capacity: discussed which episodes are near their natural end point before the termly review.",
        ];
        var n = 0;
        foreach (var t in therapists.Where(t => t.Id != supervisor.Id))
        {
            var last = t.Id == overdue.Id ? 49 : 6 + (n % 3) * 5;
            foreach (var daysAgo in new[] { last, last + 30, last + 60 })
            {
                Add(SupervisionSession.Record(school, today.AddDays(-daysAgo), supervisor, [t],
                    SupervisionType.Individual, notes[n++ % notes.Length], today, by, now));
            }
        }

        // A group session for the whole team, and the ELSAs' half-termly supervision with the educational psychologist.
        Add(SupervisionSession.Record(school, today.AddDays(-12), supervisor, practitioners.Where(p => p.Id != supervisor.Id).ToList(), SupervisionType.Group,
            "Group supervision: working with pupils who refuse sessions, and what the 6-week rule asks of us.", today, by, now));
        foreach (var a in assistants)
        {
            Add(SupervisionSession.Record(school, today.AddDays(-25), supervisor, [a], SupervisionType.EducationalPsychologist,
                "With the educational psychologist: emotional literacy groups and when to refer on to a therapist.", today, by, now));
        }

        void Add(Result<SupervisionSession> made)
        {
            if (made.IsSuccess)
            {
                db.SupervisionSessions.Add(made.Value);
            }
        }

        // CPD.
        (string Title, int DaysAgo, decimal Hours, string Provider, string Reflection)[] cpd =
        [
            ("Trauma-informed practice in schools", 40, 6, "Beacon House", "Useful model of regulate, relate, reason; shared with the team at the MDT."),
            ("Sand tray therapy: level 1", 75, 12, "Play Therapy UK", "Will use with younger pupils who find talking hard."),
            ("Safeguarding refresher", 20, 2, "Riverside Borough Council", "Updated on the new referral form for children's social care."),
        ];
        for (var i = 0; i < Math.Min(cpd.Length, practitioners.Count); i++)
        {
            var c = cpd[i];
            var record = CpdRecord.Add(school, practitioners[i].Id, new CpdInput(c.Title, today.AddDays(-c.DaysAgo), c.Hours, c.Provider, c.Reflection), null, today, now);
            if (record.IsSuccess)
            {
                db.CpdRecords.Add(record.Value);
            }
        }

        // Training delivered to school staff: SEMH awareness, one teacher missed it.
        var teachers = staff.Where(s => s.Discipline is null && s.Id != head?.Id).Take(8).ToList();
        if (teachers.Count > 0)
        {
            var attended = teachers.Skip(1).Select(s => s.Id).ToHashSet();
            var training = StaffTraining.Record(school, "SEMH awareness and key indicators", today.AddDays(-21), 1.5m, therapists[0], teachers, attended, today, now);
            if (training.IsSuccess)
            {
                db.StaffTrainings.Add(training.Value);
            }
        }

        // An HCPC registration due for renewal in five weeks (the daily reminder tells the practitioner and the Head of Therapy).
        if (practitioners.FirstOrDefault(p => p.RegistrationBody == RegistrationBody.Hcpc) is { } hcpc)
        {
            hcpc.Update(new StaffDetails(hcpc.Title, hcpc.FirstName, hcpc.LastName, hcpc.Email, hcpc.JobTitle, hcpc.Discipline, hcpc.RegistrationBody,
                hcpc.RegistrationNumber ?? "AS00001", today.AddDays(35), hcpc.CaseloadCapacity));
        }

        // The lone-worker risk assessment: version 1 last year, version 2 a fortnight ago, acknowledged by all but one.
        var v1 = LoneWorkingVersion.Publish(school, 0, LoneWorkingText, today.AddYears(-1), by, now).Value;
        var v2 = LoneWorkingVersion.Publish(school, 1, LoneWorkingText + "\n\nNew in version 2: after 4pm, tell reception before you start a session in Juniper House, and again when you finish.",
            today.AddDays(-14), by, now).Value;
        db.LoneWorkingVersions.AddRange(v1, v2);
        foreach (var p in practitioners)
        {
            db.LoneWorkingAcknowledgements.Add(LoneWorkingAcknowledgement.Of(school, v1.Id, p.Id, now.AddDays(-300)));
            if (p.Id != practitioners[^1].Id)
            {
                db.LoneWorkingAcknowledgements.Add(LoneWorkingAcknowledgement.Of(school, v2.Id, p.Id, now.AddDays(-10)));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private const string LoneWorkingText =
        "1. Sign in and out at reception, and keep your calendar up to date so colleagues know where you are.\n" +
        "2. Use a room with a vision panel; never lock the door during a session.\n" +
        "3. Carry a radio; the code word \"Mr Green\" brings the nearest senior leader.\n" +
        "4. If a pupil becomes unsafe, end the session, keep yourself between the pupil and the door, and call for help.\n" +
        "5. Record any incident the same day and tell the Head of Therapy; safeguarding worries go to the DSL at once.";
}
