using System.Globalization;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>Why a plan is out of date (West Heath: "Many EHCPs are very out of date").</summary>
public enum EhcpFlagKind
{
    /// <summary>Neither the plan nor an annual review is dated within the last 12 months.</summary>
    NotReviewedFor12Months,

    /// <summary>The next annual review date has passed.</summary>
    ReviewOverdue,

    /// <summary>The plan specifies a discipline that no current member of staff practises.</summary>
    DisciplineNotOffered,
}

/// <summary>
/// One reason a plan is out of date, in plain words that name the pupil ("Jamal O'Neill's EHCP
/// annual review was due on 3 March 2026."). <see cref="Key"/> identifies this reason for this plan,
/// so the people told about it are told once, however often the check runs; a new review date gives
/// a new key, so a review that is missed again is reported again.
/// </summary>
public sealed record EhcpFlag(EhcpFlagKind Kind, string Reason, string Key, Discipline? Discipline = null)
{
    /// <summary>A short label for lists: "Review overdue".</summary>
    public string Label => Kind switch
    {
        EhcpFlagKind.NotReviewedFor12Months => "Not reviewed for 12 months",
        EhcpFlagKind.ReviewOverdue => "Review overdue",
        EhcpFlagKind.DisciplineNotOffered => $"{Disciplines.Name(Discipline!.Value)} not offered",
    };
}

/// <summary>The out-of-date rules, computed from the school's date today. Pure, so each rule is easy to test.</summary>
public static class EhcpFlags
{
    /// <param name="plan">The plan and its provision.</param>
    /// <param name="pupilName">The pupil's name as the school uses it.</param>
    /// <param name="offered">The disciplines practised by a current member of staff.</param>
    /// <param name="today">The school's local date.</param>
    public static IReadOnlyList<EhcpFlag> For(EhcpPlan plan, string pupilName, IReadOnlySet<Discipline> offered, DateOnly today) =>
        For(plan.Dates, plan.Provision.Select(i => i.Discipline), pupilName, offered, today);

    /// <summary>The same rules from the plan's dates and the disciplines its provision specifies (the lists read no more).</summary>
    public static IReadOnlyList<EhcpFlag> For(EhcpPlanDates plan, IEnumerable<Discipline> specified, string pupilName, IReadOnlySet<Discipline> offered, DateOnly today)
    {
        var flags = new List<EhcpFlag>();
        var since = plan.ReviewedSince;
        if (since.AddMonths(EhcpRules.ReviewIntervalMonths) < today)
        {
            var reason = plan.LastReviewedOn is { } last && last >= plan.PlanDate
                ? $"{pupilName}'s EHCP was last reviewed on {EhcpRules.Long(last)}, more than 12 months ago."
                : $"{pupilName}'s EHCP is dated {EhcpRules.Long(plan.PlanDate)} and has had no annual review since: it is more than 12 months old.";
            flags.Add(new EhcpFlag(EhcpFlagKind.NotReviewedFor12Months, reason, $"ehcp:{plan.Id}:not-reviewed:{Iso(since)}"));
        }

        if (plan.NextReviewDue < today)
        {
            flags.Add(new EhcpFlag(EhcpFlagKind.ReviewOverdue,
                $"{pupilName}'s EHCP annual review was due on {EhcpRules.Long(plan.NextReviewDue)}.",
                $"ehcp:{plan.Id}:review-due:{Iso(plan.NextReviewDue)}"));
        }

        foreach (var discipline in specified.Distinct().Where(d => !offered.Contains(d)).Order())
        {
            flags.Add(new EhcpFlag(EhcpFlagKind.DisciplineNotOffered,
                $"{pupilName}'s EHCP specifies {ProvisionText.InSentence(discipline)}, which no one at the school currently offers.",
                $"ehcp:{plan.Id}:not-offered:{discipline}",
                discipline));
        }

        return flags;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
