using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Schools;

namespace SecureBase.Timetable;

/// <summary>
/// A pupil's weekly lessons as imported from the information system, and the SENDCo's marks on each
/// subject: must not miss (protected), preferably not missed (avoid), or may be missed for therapy.
/// </summary>
[Permits(SchoolAction.ViewPupilLessons, OnPost = SchoolAction.MarkProtectedLessons)]
public sealed class PupilLessonsModel(PupilAccess access, SecureBaseDb db, CurrentUser me, AuditLog audit, TimeProvider clock) : PageModel
{
    /// <summary>What the form posts for each subject: its key and "Protected", "Avoid" or "None".</summary>
    [BindProperty]
    public List<SubjectChoice> Marks { get; set; } = [];

    public Pupil Pupil { get; private set; } = null!;
    public IReadOnlyList<LessonPeriod> Periods { get; private set; } = [];
    public IReadOnlyList<DayOfWeek> Days { get; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    public IReadOnlyDictionary<(DayOfWeek, LessonPeriodId), PupilLesson> Lessons { get; private set; } = new Dictionary<(DayOfWeek, LessonPeriodId), PupilLesson>();

    /// <summary>Each subject of the pupil's week once (as first written), with its key, in alphabetical order.</summary>
    public IReadOnlyList<(string Key, string Name)> SubjectList { get; private set; } = [];

    public IReadOnlyDictionary<string, LessonProtection> MarksByKey { get; private set; } = new Dictionary<string, LessonProtection>();

    public bool CanMark => me.Can(SchoolAction.MarkProtectedLessons) && !Pupil.HasLeft;

    public async Task<IActionResult> OnGetAsync(PupilId pupilId, CancellationToken ct) => await LoadAsync(pupilId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(PupilId pupilId, CancellationToken ct)
    {
        if (!await LoadAsync(pupilId, ct))
        {
            return NotFound();
        }

        if (Pupil.HasLeft)
        {
            ModelState.AddModelError(string.Empty, $"{Pupil.DisplayName} has left the school: their record is read-only");
            return Page();
        }

        var known = SubjectList.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var choices = new Dictionary<string, LessonProtection?>(StringComparer.Ordinal);
        foreach (var m in Marks)
        {
            if (m.Subject is null || !known.Contains(m.Subject))
            {
                ModelState.AddModelError(string.Empty, $"{Pupil.FirstName} has no lessons in \"{m.Subject}\": reload the page and choose again");
                return Page();
            }

            if (m.Choice is not (null or "None" or nameof(LessonProtection.Protected) or nameof(LessonProtection.Avoid)))
            {
                ModelState.AddModelError(string.Empty, $"Choose whether {Pupil.FirstName} must not miss {SubjectList.First(s => s.Key == m.Subject).Name}, should preferably not miss it, or may miss it");
                return Page();
            }

            LessonProtection? choice = m.Choice switch
            {
                nameof(LessonProtection.Protected) => LessonProtection.Protected,
                nameof(LessonProtection.Avoid) => LessonProtection.Avoid,
                _ => null,
            };
            choices[m.Subject] = choice;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.SubjectMarks.Where(x => x.PupilId == pupilId).ToListAsync(ct);
        var changes = 0;
        foreach (var (key, choice) in choices)
        {
            var mark = existing.SingleOrDefault(x => x.SubjectKey == key);
            if (choice is null && mark is not null)
            {
                db.SubjectMarks.Remove(mark);
                changes++;
            }
            else if (choice is { } c && mark is null)
            {
                db.SubjectMarks.Add(SubjectMark.Create(me.SchoolId, pupilId, key, c, me.UserId, now));
                changes++;
            }
            else if (choice is { } c2 && mark is not null && mark.Protection != c2)
            {
                mark.Change(c2, me.UserId, now);
                changes++;
            }
        }

        if (changes > 0)
        {
            audit.Record(LessonAuditActions.SubjectsMarked, "Pupil", pupilId.ToString(), detail: $"{changes} subject mark{(changes == 1 ? "" : "s")} changed");
            await db.SaveChangesAsync(ct);
        }

        TempData["Notice"] = changes == 0 ? "Nothing was changed." : $"Saved: {Pupil.FirstName}'s timetable for therapy now keeps clear of the subjects marked.";
        return RedirectToPage(new { pupilId });
    }

    private async Task<bool> LoadAsync(PupilId pupilId, CancellationToken ct)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ViewPupilLessons, ct);
        if (pupil is null)
        {
            return false;
        }

        Pupil = pupil;
        var lessons = await db.PupilLessons.AsNoTracking().Where(l => l.PupilId == pupilId).ToListAsync(ct);
        var periodIds = lessons.Select(l => l.PeriodId).ToHashSet();
        Periods = (await db.LessonPeriods.AsNoTracking().ToListAsync(ct))
            .Where(p => p.IsTeaching || periodIds.Contains(p.Id)).OrderBy(p => p.Start).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        Lessons = lessons.ToDictionary(l => (l.Day, l.PeriodId));
        SubjectList = lessons.GroupBy(l => l.SubjectKey, StringComparer.Ordinal)
            .Select(g => (g.Key, g.OrderBy(l => l.Subject, StringComparer.Ordinal).First().Subject))
            .OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        MarksByKey = (await db.SubjectMarks.AsNoTracking().Where(m => m.PupilId == pupilId).ToListAsync(ct))
            .ToDictionary(m => m.SubjectKey, m => m.Protection, StringComparer.Ordinal);
        return true;
    }

    /// <summary>"Must not miss", "Avoid if possible", or null for a subject that may be missed.</summary>
    public static string? Words(LessonProtection? protection) => protection switch
    {
        LessonProtection.Protected => "Must not miss",
        LessonProtection.Avoid => "Avoid if possible",
        _ => null,
    };

    public LessonProtection? MarkOf(string subjectKey) => MarksByKey.TryGetValue(subjectKey, out var p) ? p : null;

    public sealed class SubjectChoice
    {
        public string? Subject { get; set; }
        public string? Choice { get; set; }
    }
}

/// <summary>Names of the timetable's lesson entries in the audit log.</summary>
public static class LessonAuditActions
{
    /// <summary>The SENDCo changed which of a pupil's subjects are protected or to be avoided.</summary>
    public const string SubjectsMarked = "lessons.subjects_marked";
}
