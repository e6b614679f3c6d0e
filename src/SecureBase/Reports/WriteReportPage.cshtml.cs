using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Reports;

/// <summary>
/// Write a report on an episode: the kind, the period, the summary for its readers, recommendations
/// and who may read it. The figures come from the record; the draft is read by the therapy team until approved.
/// </summary>
[Permits(SchoolAction.WriteReport)]
public sealed class WriteReportPageModel : PageModel
{
    private ReportDesk Desk => HttpContext.RequestServices.GetRequiredService<ReportDesk>();

    [BindProperty]
    public ReportForm Input { get; set; } = new();

    internal EpisodeReports View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId, string? kind)
    {
        if (await Desk.EpisodeAsync(episodeId, HttpContext.RequestAborted) is not { } view)
        {
            return NotFound();
        }

        View = view;
        if (!HttpMethods.IsPost(Request.Method))
        {
            Input = new ReportForm
            {
                Kind = kind ?? ReportKind.HalfTermlyProgress.ToString(),
                PeriodFrom = view.Today.AddDays(-42) < view.Episode.StartDate ? view.Episode.StartDate : view.Today.AddDays(-42),
                PeriodTo = view.Today,
                Audience = [ReportAudience.SchoolStaff.ToString()],
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        var written = await Desk.WriteAsync(episodeId, Input.ToContent(), HttpContext.RequestAborted);
        if (written.IsSuccess)
        {
            TempData["Notice"] = "The report is saved as a draft. Read it through, then approve it so its readers can see it.";
            return Redirect($"/reports/{written.Value.Id}");
        }

        if (written.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(written.Error!, nameof(Input));
        return await OnGetAsync(episodeId, null);
    }

    /// <summary>What the practitioner fills in, on the page and over the API.</summary>
    public sealed class ReportForm
    {
        [Display(Name = "the kind of report")]
        public string? Kind { get; set; }

        [Display(Name = "the first day the report covers")]
        public DateOnly? PeriodFrom { get; set; }

        [Display(Name = "the last day the report covers")]
        public DateOnly? PeriodTo { get; set; }

        [Display(Name = "the summary")]
        public string? Summary { get; set; }

        [Display(Name = "the recommendations")]
        public string? Recommendations { get; set; }

        /// <summary>ParentsCarers, Pupil, SchoolStaff, OtherProfessionals, LocalAuthority.</summary>
        [Display(Name = "who it may be shared with")]
        public List<string>? Audience { get; set; }

        [Display(Name = "the other professionals")]
        public string? OtherProfessionals { get; set; }

        internal ReportContent ToContent()
        {
            ReportKind? kind = Enum.TryParse<ReportKind>(Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(Kind, out _) ? k : null;
            var audience = ReportAudience.None;
            var unknown = false;
            foreach (var a in Audience ?? [])
            {
                if (Enum.TryParse<ReportAudience>(a, ignoreCase: true, out var one) && ReportWords.Audiences.Contains(one) && !int.TryParse(a, out _))
                {
                    audience |= one;
                }
                else
                {
                    unknown = true;
                }
            }

            // An audience the school does not know is not silently dropped: the rules refuse it.
            return new ReportContent(kind, PeriodFrom, PeriodTo, Summary, Recommendations, unknown ? (ReportAudience)1024 : audience, OtherProfessionals);
        }

        internal static ReportForm From(Report r) => new()
        {
            Kind = r.Kind.ToString(),
            PeriodFrom = r.PeriodFrom,
            PeriodTo = r.PeriodTo,
            Summary = r.Summary,
            Recommendations = r.Recommendations,
            Audience = ReportWords.Audiences.Where(a => r.Audience.HasFlag(a)).Select(a => a.ToString()).ToList(),
            OtherProfessionals = r.OtherProfessionals,
        };
    }
}
