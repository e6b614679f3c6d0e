using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;

namespace SecureBase.Liaison;

/// <summary>
/// The demo school's liaison (kept in the module, since it builds the module's own records): for the demo parent's
/// child in therapy, a few contacts (CAMHS with a follow-up due this week, the previous school, the parent), a meeting
/// with the family whose summary is approved and so shows in the demo parent's portal, and a message from that parent.
/// </summary>
public static class LiaisonDemoData
{
    public static async Task SeedAsync(SecureBaseDb db, DateOnly today, DateTime now, CancellationToken ct)
    {
        var parents = await db.CarerLinks.AsNoTracking().Where(l => !l.IsRestricted)
            .Join(db.Carers.Where(c => c.UserId != null), l => l.CarerId, c => c.Id, (l, c) => new { l.PupilId, UserId = c.UserId!.Value, Name = c.FirstName + " " + c.LastName })
            .ToListAsync(ct);
        var open = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Open).OrderBy(e => e.StartDate).ToListAsync(ct);
        var episode = open.FirstOrDefault(e => parents.Any(p => p.PupilId == e.PupilId));
        if (episode is null)
        {
            return;
        }

        var parent = parents.First(p => p.PupilId == episode.PupilId);
        var author = await db.StaffMembers.AsNoTracking().SingleAsync(s => s.Id == episode.StaffId, ct);
        var by = author.UserId ?? Guid.Empty;
        var team = new Dictionary<Guid, string> { [by] = author.FullName };
        var school = db.CurrentSchoolId;
        var pupil = episode.PupilId;

        ContactInput[] contacts =
        [
            new(today.AddDays(-9), ContactParty.PreviousSchool, "Mrs Helen Brook", "SENCo", "Ashgrove Primary School", ContactMethod.Email,
                "Asked for the transition notes. Ashgrove sent the pupil passport and a note that small-group work helped most in year 6.", null, null, null),
            new(today.AddDays(-4), ContactParty.Camhs, "Dr Amina Yusuf", "Clinical psychologist", "Riverside CAMHS", ContactMethod.Phone,
                "CAMHS have the referral and have offered an assessment in the new year. Agreed we keep weekly sessions until then and share a short update.",
                "Send CAMHS a short update before the assessment", by, today.AddDays(3)),
            new(today.AddDays(-2), ContactParty.ParentCarer, parent.Name, "Parent", null, ContactMethod.Phone,
                "Called to arrange the family meeting; mornings have been hard this week. Meeting booked in the family room.", null, null, null),
        ];
        foreach (var c in contacts)
        {
            var logged = LiaisonContact.Log(school, pupil, c, team, today, by, author.FullName, now);
            if (logged.IsSuccess)
            {
                db.LiaisonContacts.Add(logged.Value);
            }
        }

        var meeting = FamilyMeeting.Record(school, pupil, new FamilyMeetingInput(today.AddDays(-1), "The family room (quiet, by the main entrance)",
            "How mornings are going\nWhat helps at home and at school\nWhat happens next with CAMHS",
            parent.Name, author.FullName, null,
            "Parent anxious about the CAMHS wait; reassured. Check in again after half term."), today, by, author.FullName, now);
        if (meeting.IsSuccess)
        {
            db.FamilyMeetings.Add(meeting.Value);
            var summary = FamilySummary.Write(meeting.Value, null,
                "Thank you for coming in. We talked about mornings, which have been hard. We agreed to try a picture timetable at home, the same one used in class, "
                + "and that your child can come to the therapy room for five minutes when they arrive. CAMHS will see your child in the new year; we will keep "
                + "meeting weekly until then. We will talk again after half term.", by, author.FullName, now);
            if (summary.IsSuccess)
            {
                summary.Value.Approve(by, author.FullName, isHeadOfTherapy: true, now);
                db.FamilySummaries.Add(summary.Value);
            }
        }

        var message = FamilyMessage.FromParent(school, pupil, "The picture timetable",
            "We tried the picture timetable this morning and it went much better. Could we have a copy of the one used in class?", parent.UserId, parent.Name, today, now);
        if (message.IsSuccess)
        {
            db.FamilyMessages.Add(message.Value);
            db.LiaisonContacts.Add(LiaisonContact.FromMessage(message.Value, message.Value.Subject));
        }

        await db.SaveChangesAsync(ct);
    }
}
