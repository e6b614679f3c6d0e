using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;

// In the Demo folder with the other demo files, but in the Outcomes namespace: it builds the items with the
// outcomes module's own rules (AssessmentItem.Write), which are internal to that module.
namespace SecureBase.Outcomes;

/// <summary>
/// An assessments profile for the demo parent's child and for the demo pupil (where each is in therapy): two
/// assessments by their practitioner with strengths and targets marked for each audience, so that the parent's
/// portal, the pupil's own view, the teachers' page and the profile for professionals each show their own part.
/// </summary>
internal static class DemoAssessments
{
    private static readonly (string Assessment, AssessmentItemKind Kind, string Statement, ProfileAudience Audience)[] Items =
    [
        ("Boxall Profile", AssessmentItemKind.Strength, "Joins in well in small-group activities", ProfileAudience.Pupil | ProfileAudience.Parents | ProfileAudience.Staff | ProfileAudience.OtherProfessionals),
        ("Boxall Profile", AssessmentItemKind.Strength, "Knows what helps them calm down and can name it", ProfileAudience.Pupil | ProfileAudience.Parents),
        ("Boxall Profile", AssessmentItemKind.Strength, "Settles quickly when greeted at the classroom door", ProfileAudience.Staff),
        ("Boxall Profile", AssessmentItemKind.Target, "To ask an adult for help when stuck, using the help card", ProfileAudience.Pupil | ProfileAudience.Parents | ProfileAudience.Staff),
        ("Boxall Profile", AssessmentItemKind.Target, "To practise the bedtime wind-down routine at home", ProfileAudience.Parents),
        ("Sensory Profile 2 (school companion)", AssessmentItemKind.Strength, "Auditory processing within the typical range on re-assessment", ProfileAudience.OtherProfessionals),
        ("Sensory Profile 2 (school companion)", AssessmentItemKind.Target, "To manage changes of routine with a visual timetable", ProfileAudience.Staff | ProfileAudience.OtherProfessionals),
        ("Sensory Profile 2 (school companion)", AssessmentItemKind.Target, "To use my breathing when I start to feel angry", ProfileAudience.Pupil),
    ];

    public static async Task SeedAsync(SecureBaseDb db, DateOnly today, CancellationToken ct)
    {
        var withParentAccount = await db.CarerLinks.AsNoTracking().Where(l => !l.IsRestricted && db.Carers.Any(c => c.Id == l.CarerId && c.UserId != null)).Select(l => l.PupilId).ToListAsync(ct);
        var withOwnAccount = await db.Pupils.AsNoTracking().Where(p => p.UserId != null).Select(p => p.Id).ToListAsync(ct);
        var open = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Open && e.StartDate < today).OrderBy(e => e.StartDate).ToListAsync(ct);
        var staff = await db.StaffMembers.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        foreach (var episode in new[] { open.FirstOrDefault(e => withParentAccount.Contains(e.PupilId)), open.FirstOrDefault(e => withOwnAccount.Contains(e.PupilId)) }.OfType<Episode>().DistinctBy(e => e.PupilId))
        {
            var member = staff.GetValueOrDefault(episode.StaffId);
            var by = member is null ? "The therapy team" : $"{member.FullName}, {member.JobTitle ?? "therapist"}";
            foreach (var (assessment, kind, statement, audience) in Items)
            {
                var on = assessment.StartsWith("Boxall", StringComparison.Ordinal) ? Max(episode.StartDate, today.AddDays(-60)) : Max(episode.StartDate, today.AddDays(-14));
                var made = AssessmentItem.Write(episode, new AssessmentItemEntry(kind, assessment, Min(on, today), by, statement, audience), member?.UserId ?? Guid.Empty, today);
                if (made.IsSuccess)
                {
                    db.AssessmentItems.Add(made.Value);
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
