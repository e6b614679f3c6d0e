namespace SecureBase.Reports;

/// <summary>
/// A report's content as blocks, the same for the printable page and the PDF: the figures from the
/// record (frozen on the report), the practitioner's summary and recommendations, and who may read it.
/// Session notes are not among its inputs, so no note can reach a report.
/// </summary>
internal static class ReportLayout
{
    public static ReportDocument Document(Report report, ReportFacts f)
    {
        var blocks = new List<ReportBlock>();
        var about = new List<KeyValuePair<string, string>>
        {
            new("Pupil", f.NameAsRecorded is null ? f.PupilName : $"{f.PupilName} (name as recorded: {f.NameAsRecorded})"),
            new("Year group", f.YearGroup),
            new("School", f.School),
            new("Therapy", f.Therapy),
            new("Practitioner", f.Practitioner),
            new("Therapy started", f.EpisodeStarted),
            new("Period covered", f.Period),
            new("Version", report.IsApproved
                ? $"Version {report.Version}, approved by {report.ApprovedByName} on {ReportDates.Long(DateOnly.FromDateTime(report.ApprovedAt!.Value))}"
                : $"Version {report.Version}: DRAFT, not approved (only the therapy team can read it)"),
        };
        blocks.Add(new ReportPairs(about));

        blocks.Add(new ReportHeading("Attendance and engagement"));
        var attendance = new List<KeyValuePair<string, string>>
        {
            new("Sessions offered", f.SessionsOffered.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Sessions attended", f.SessionsAttended.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Attendance", f.AttendancePercent is { } p ? $"{p}%" : "no sessions offered"),
            new("Engagement", f.EngagementTrend),
        };
        if (f.SessionsCancelled > 0)
        {
            attendance.Add(new("Not held", $"{f.SessionsCancelled} session{(f.SessionsCancelled == 1 ? " was" : "s were")} cancelled or moved out of their room (not counted as offered)"));
        }

        blocks.Add(new ReportPairs(attendance));

        blocks.Add(new ReportHeading(report.Kind switch
        {
            ReportKind.AnnualReviewContribution => "The therapist's contribution",
            ReportKind.FinalEvaluation => "Evaluation",
            _ => "Summary",
        }));
        blocks.Add(new ReportParagraph(report.Summary));

        blocks.Add(new ReportHeading("Goals"));
        blocks.Add(f.Goals.Count == 0
            ? new ReportParagraph("No goals have been agreed yet.")
            : new ReportTable("The goals agreed and their ratings in the period", ["Goal", "How it is measured", "Ratings in the period", "Now"],
                f.Goals.Select(g => (IReadOnlyList<string>)[g.Goal, g.Measure, g.Ratings.Count == 0 ? "none in the period" : string.Join("; ", g.Ratings), g.Latest]).ToList()));

        if (report.Kind != ReportKind.HalfTermlyProgress || f.OutcomeChange.Count > 0)
        {
            blocks.Add(new ReportHeading("Outcome change"));
            blocks.Add(new ReportParagraph(f.OutcomeChange.Count == 0 ? "No outcome ratings fall in this period yet." : string.Join("\n", f.OutcomeChange)));
        }

        if (report.Kind != ReportKind.HalfTermlyProgress)
        {
            blocks.Add(new ReportHeading("Engagement over time"));
            blocks.Add(new ReportParagraph(string.Join("\n", f.Disengagement)));
        }

        if (report.Kind == ReportKind.AnnualReviewContribution)
        {
            blocks.Add(new ReportHeading("EHCP therapy provision: specified and delivered"));
            if (f.Ehcp is not { } e)
            {
                blocks.Add(new ReportParagraph("No EHCP is recorded for this pupil."));
            }
            else
            {
                var plan = new List<KeyValuePair<string, string>>
                {
                    new("Plan dated", e.PlanDate),
                    new("Last annual review", e.LastReviewed ?? "none recorded"),
                    new("Annual review due", e.NextReviewDue),
                    new("Provision counted over", e.Period),
                };
                blocks.Add(new ReportPairs(plan));
                blocks.Add(e.Provision.Count == 0
                    ? new ReportParagraph("The plan specifies no therapy provision.")
                    : new ReportTable("Therapy provision specified by the plan against sessions delivered", ["Therapy", "Specified", "Delivered", "Delivered of specified"],
                        e.Provision.Select(p => (IReadOnlyList<string>)[p.Therapy, p.Specified, p.Delivered, p.Percent]).ToList()));
                blocks.Add(new ReportHeading("Is the plan's therapy provision still age-appropriate?"));
                blocks.Add(new ReportParagraph(string.Join("\n", e.OutOfDate.Prepend(e.AgeAppropriate))));
            }
        }

        if (report.Recommendations.Length > 0)
        {
            blocks.Add(new ReportHeading("Recommendations"));
            blocks.Add(new ReportParagraph(report.Recommendations));
        }

        var audience = ReportWords.List(report.Audience, report.OtherProfessionals);
        blocks.Add(new ReportHeading("Who may read this report"));
        blocks.Add(new ReportParagraph($"{audience}. Written by {report.WrittenByName}; figures from the school's therapy record as of {f.AsOf}. Session notes are confidential and are never part of a report."));

        return new ReportDocument(
            $"{ReportWords.Of(report.Kind)}: {f.PupilName}",
            $"{f.Therapy} · {f.School} · {f.Period}",
            blocks,
            $"Confidential{(report.IsApproved ? "" : " DRAFT")} · {f.PupilName} · may be shared with: {audience}");
    }
}
