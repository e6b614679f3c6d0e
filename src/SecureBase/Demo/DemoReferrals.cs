using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Staff;

namespace SecureBase.Demo;

/// <summary>
/// The demo's referral work in progress: referrals by every route in every state, a waiting list
/// with priorities set at last half term's review, and last week's MDT meeting with open actions,
/// so a newcomer signing in as the Head of Therapy sees the service running.
/// </summary>
internal static class DemoReferrals
{
    public static async Task SeedAsync(SecureBaseDb db, IReadOnlyList<Pupil> pupils, DateOnly today, DateTime now, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, u => (u.Id, u.DisplayName), ct);
        var teacher = users["teacher"];
        var hot = users["head.of.therapy"];
        var parent = users["parent"];
        var pupilUser = users["pupil"];
        var sendco = users["sendco"];
        var admin = users["admin"];
        var linkedChild = await db.CarerLinks.Where(l => db.Carers.Any(c => c.Id == l.CarerId && c.UserId == parent.Id)).Select(l => l.PupilId).FirstAsync(ct);
        var me = await db.Pupils.Where(p => p.UserId == pupilUser.Id).Select(p => p.Id).FirstAsync(ct);

        // Pupils with no therapy yet, so every demo referral can be accepted.
        var inTherapy = await db.Episodes.Select(e => e.PupilId).Distinct().ToListAsync(ct);
        var free = pupils.Where(p => !inTherapy.Contains(p.Id) && p.Id != linkedChild && p.Id != me).ToList();
        var n = 0;
        Referral Make(Pupils.Pupil? pupil, ReferralSource source, (Guid Id, string Name) by, Discipline? asked, ReferralReason reasons, string details, ReferralUrgency urgency, int daysAgo, string? safeguarding = null)
        {
            var target = pupil ?? free[n++];
            var r = Referral.Receive(target.SchoolId, target.Id, new NewReferral(source, by.Id, by.Name, asked, reasons, null, details, null, urgency,
                ConsentGiven: true, safeguarding is not null, Guid.NewGuid(), safeguarding), now.AddDays(-daysAgo));
            db.Referrals.Add(r);
            return r;
        }

        var received = new[]
        {
            Make(null, ReferralSource.EducationStaff, teacher, Discipline.Counselling, ReferralReason.EmotionalWellbeing | ReferralReason.HomeCircumstances,
                "Withdrawn in English since half term; tearful at lunch twice this week. Mum has told the tutor dad has moved out.", ReferralUrgency.Soon, 3),
            Make(pupils.First(p => p.Id == linkedChild), ReferralSource.ParentCarer, parent, null, ReferralReason.Puberty | ReferralReason.EmotionalWellbeing,
                "Struggling with big feelings at home and says school is too loud.", ReferralUrgency.Routine, 5),
            Make(pupils.First(p => p.Id == me), ReferralSource.Pupil, pupilUser, null, ReferralReason.EmotionalWellbeing, "I feel worried a lot", ReferralUrgency.Soon, 1),
            Make(null, ReferralSource.EducationStaff, teacher, null, ReferralReason.HomeCircumstances,
                "Very quiet this week and not eating at lunch.", ReferralUrgency.Urgent, 0,
                safeguarding: "Came in with bruising on the arm and would not say how it happened."),
        };
        received[0].StartReview(hot.Id, now.AddDays(-1));

        var waiting = new (Discipline Discipline, int Priority, int WeeksAgo, ReferralReason Why, string Details)[]
        {
            (Discipline.SpeechAndLanguage, 1, 9, ReferralReason.EhcpRequirement | ReferralReason.Communication, "EHCP specifies weekly SaLT; not started since moving to us."),
            (Discipline.OccupationalTherapy, 2, 6, ReferralReason.SensoryOrMotor, "Avoids PE and handwriting; chews sleeves when the room is noisy."),
            (Discipline.Counselling, 2, 4, ReferralReason.HomeCircumstances, "Bereavement in the summer; anniversary coming up."),
            (Discipline.PlayTherapy, 3, 12, ReferralReason.EmotionalWellbeing, "Aggressive at play times; settles with one adult."),
            (Discipline.Cbt, 4, 2, ReferralReason.AttitudeToLearning, "Panics before tests and has stopped handing in homework."),
        };
        foreach (var w in waiting)
        {
            var r = Make(null, ReferralSource.EducationStaff, teacher, w.Discipline, w.Why, w.Details, ReferralUrgency.Routine, w.WeeksAgo * 7);
            r.Accept(w.Discipline, w.Priority, null, hot.Id, now.AddDays(-w.WeeksAgo * 7 + 2));
        }

        var la = Make(null, ReferralSource.LocalAuthority, (admin.Id, "Riverside Borough Council virtual school (entered by the school office)"), Discipline.ClinicalPsychology,
            ReferralReason.HomeCircumstances | ReferralReason.EmotionalWellbeing, "New placement after a placement breakdown; PEP asks for a psychology assessment.", ReferralUrgency.Soon, 10);
        la.Accept(Discipline.ClinicalPsychology, 1, "Virtual school to be kept informed", hot.Id, now.AddDays(-8));
        Make(null, ReferralSource.EducationStaff, teacher, null, ReferralReason.AttitudeToLearning, "Not concentrating in maths.", ReferralUrgency.Routine, 20)
            .Decline("Classroom strategies for attention were sent to the maths department; a referral is not needed now.", hot.Id, now.AddDays(-18));
        Make(null, ReferralSource.EducationStaff, teacher, Discipline.Counselling, ReferralReason.EmotionalWellbeing, "Talks about not wanting to be here.", ReferralUrgency.Urgent, 15)
            .Redirect("CAMHS", "Needs specialist assessment; the school has referred to CAMHS and the DSL is involved.", hot.Id, now.AddDays(-14));

        var review = ReferralReview.Record(db.CurrentSchoolId, today.AddDays(-21), "Autumn 1 review", "Mrs Catherine Ashworth (Headteacher)\nDr Helena Marsh-Okonkwo (Head of HEART & Therapy)\nMrs Anjali Mehta (SENDCo)", null, hot.Id, now.AddDays(-21));
        db.ReferralReviews.Add(review);

        var meeting = MdtMeeting.Prepare(db.CurrentSchoolId, today.AddDays(-7), [], hot.Id, now.AddDays(-8));
        meeting.Record("Head of HEART & Therapy\nCounsellor\nSpeech and language therapist\nSENDCo", "Art therapist",
            "Waiting list reviewed; two EHCP pupils waiting for SaLT and psychology.", "Psychology assessment for the virtual school referral to start after half term.", hot.Id, now.AddDays(-7));
        db.MdtMeetings.Add(meeting);
        db.MdtActions.Add(MdtAction.Agree(db.CurrentSchoolId, meeting.Id, "Ask the local authority for the latest EHCP paperwork", sendco.Id, sendco.DisplayName, today.AddDays(7)));
        db.MdtActions.Add(MdtAction.Agree(db.CurrentSchoolId, meeting.Id, "Book the psychology assessment room", hot.Id, hot.DisplayName, today.AddDays(3)));
        await db.SaveChangesAsync(ct);
    }
}
