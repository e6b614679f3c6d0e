using Microsoft.Extensions.Logging.Abstractions;
using SecureBase.Data;
using SecureBase.Notifications;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Demo;

/// <summary>
/// EHCPs for the demo's pupils with an EHCP: realistic therapy provision, most plans up to date,
/// and a few out of date the way West Heath describes (a plan from two years ago never reviewed, an
/// annual review date passed, and at Meadowside a plan specifying music therapy, which nobody
/// there offers). The SENDCo is the review co-ordinator and the headteacher the head of school, so
/// the demo SENDCo finds notifications waiting at first sign-in.
/// </summary>
internal static class DemoEhcp
{
    private sealed record Line(Discipline Discipline, int Sessions, ProvisionFrequency Frequency, int Minutes, ProvisionDelivery Delivery, string DeliveredBy);

    private static readonly Line SaltWeekly = new(Discipline.SpeechAndLanguage, 1, ProvisionFrequency.PerWeek, 45, ProvisionDelivery.Individual, "Speech and language therapist");
    private static readonly Line SaltGroup = new(Discipline.SpeechAndLanguage, 1, ProvisionFrequency.PerWeek, 30, ProvisionDelivery.Group, "TA under SaLT direction");
    private static readonly Line OtHalfTermly = new(Discipline.OccupationalTherapy, 6, ProvisionFrequency.PerHalfTerm, 30, ProvisionDelivery.Individual, "Occupational therapist");
    private static readonly Line Counselling = new(Discipline.Counselling, 1, ProvisionFrequency.PerWeek, 50, ProvisionDelivery.Individual, "Counsellor");
    private static readonly Line PlayTherapy = new(Discipline.PlayTherapy, 1, ProvisionFrequency.PerWeek, 45, ProvisionDelivery.Individual, "Play therapist");
    private static readonly Line ArtGroup = new(Discipline.ArtTherapy, 1, ProvisionFrequency.PerWeek, 60, ProvisionDelivery.Group, "Art therapist");
    private static readonly Line Cbt = new(Discipline.Cbt, 1, ProvisionFrequency.PerWeek, 50, ProvisionDelivery.Individual, "CBT therapist");
    private static readonly Line Elsa = new(Discipline.Elsa, 1, ProvisionFrequency.PerWeek, 30, ProvisionDelivery.Individual, "ELSA");
    private static readonly Line MusicTherapy = new(Discipline.MusicTherapy, 1, ProvisionFrequency.PerWeek, 30, ProvisionDelivery.Individual, "Music therapist");

    private static readonly Line[][] Younger = [[SaltWeekly, OtHalfTermly], [PlayTherapy], [SaltGroup, OtHalfTermly], [SaltWeekly], [OtHalfTermly, PlayTherapy]];
    private static readonly Line[][] Older = [[Counselling], [SaltWeekly, Counselling], [Cbt], [ArtGroup, Elsa], [OtHalfTermly, SaltGroup], [Counselling, OtHalfTermly]];
    private static readonly Line[][] Meadowside = [[Counselling], [Elsa], [Counselling, Elsa]];

    public static async Task SeedAsync(SecureBaseDb db, IReadOnlyList<Pupil> pupils, IReadOnlyList<StaffMember> staff, bool full, DateOnly today, DateTime now, CancellationToken ct)
    {
        var random = new Random(full ? 2014 : 2015);
        foreach (var member in staff)
        {
            var duties = member.StaffCode switch
            {
                "SEN" => StaffResponsibility.ReviewCoordinator,
                "HDT" => StaffResponsibility.HeadOfSchool,
                "CNS" when !full => StaffResponsibility.ReviewCoordinator | StaffResponsibility.HeadOfSchool,
                _ => StaffResponsibility.None,
            };
            if (duties != StaffResponsibility.None)
            {
                member.SetResponsibilities(duties);
            }
        }

        var withEhcp = pupils.Where(p => p.SenStatus == SenStatus.Ehcp && !p.HasLeft).ToList();

        // One pupil's plan is still to be entered, as happens when a plan arrives from the local authority.
        var toRecord = full && withEhcp.Count > 3 ? withEhcp.Take(withEhcp.Count - 1).ToList() : withEhcp;
        for (var i = 0; i < toRecord.Count; i++)
        {
            var pupil = toRecord[i];
            DateOnly planDate;
            DateOnly? reviewed = null;
            DateOnly nextReview;
            if (i == 1)
            {
                // "Very out of date": two years old and never reviewed.
                planDate = today.AddYears(-2).AddDays(-random.Next(20, 60));
                nextReview = planDate.AddMonths(12);
            }
            else if (i == 2)
            {
                // Reviewed last year, but this year's review date has passed.
                planDate = today.AddMonths(-27);
                reviewed = today.AddMonths(-11).AddDays(-random.Next(0, 10));
                nextReview = today.AddDays(-random.Next(10, 25));
            }
            else if (random.Next(2) == 0)
            {
                planDate = today.AddMonths(-random.Next(1, 11)).AddDays(-random.Next(0, 28));
                nextReview = planDate.AddMonths(12);
            }
            else
            {
                planDate = today.AddMonths(-random.Next(14, 40));
                reviewed = today.AddMonths(-random.Next(1, 11)).AddDays(-random.Next(0, 28));
                nextReview = reviewed.Value.AddMonths(12);
            }

            var plan = EhcpPlan.Create(pupil, new EhcpPlanDetails(planDate, nextReview, "Riverside Borough Council", null), today, now);
            if (!plan.IsSuccess)
            {
                throw new InvalidOperationException($"Demo EHCP is not valid: {plan.Error!.Message}");
            }

            if (reviewed is { } on && !plan.Value.RecordAnnualReview(pupil, on, nextReview, today, now).IsSuccess)
            {
                throw new InvalidOperationException("Demo EHCP review is not valid.");
            }

            db.EhcpPlans.Add(plan.Value);
            Line[] lines = !full && i == 0 ? [MusicTherapy]
                : !full ? Meadowside[random.Next(Meadowside.Length)]
                : pupil.YearGroup <= 6 ? Younger[random.Next(Younger.Length)]
                : Older[random.Next(Older.Length)];
            foreach (var line in lines)
            {
                var item = plan.Value.AddProvision(pupil, new ProvisionDetails(line.Discipline, line.Sessions, line.Frequency, line.Minutes, line.Delivery, line.DeliveredBy), now);
                db.ProvisionItems.Add(item.IsSuccess ? item.Value : throw new InvalidOperationException($"Demo provision is not valid: {item.Error!.Message}"));
            }
        }

        await db.SaveChangesAsync(ct);

        // Tell the SENDCo, review co-ordinator and head of school now, rather than at the first hourly check.
        await new EhcpReviewCheck(db, new Notifier(db), NullLogger<EhcpReviewCheck>.Instance).RunAsync(now, ct);
    }
}
