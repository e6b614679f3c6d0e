using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;

namespace SecureBase.Timetable;

/// <summary>Pupils whose lessons have been imported, with the subjects marked as must-not-miss or avoid, for the SENDCo and the Head of Therapy.</summary>
[Permits(SchoolAction.ViewPupilLessons)]
public sealed class LessonsListModel(PupilAccess access, SecureBaseDb db, CurrentUser me) : PageModel
{
    public sealed record Row(PupilId Id, string Name, int YearGroup, int Lessons, IReadOnlyList<string> Protected, IReadOnlyList<string> Avoid);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Current pupils the user reaches who have no lessons imported.</summary>
    public int WithoutLessons { get; private set; }

    public bool CanImport => me.Can(SchoolAction.ImportData);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var pupils = await access.Visible(SchoolAction.ViewPupilLessons).Where(p => p.LeftOn == null).AsNoTracking().ToListAsync(ct);
        var ids = pupils.Select(p => p.Id).ToHashSet();
        var lessons = (await db.PupilLessons.AsNoTracking().Select(l => new { l.PupilId, l.SubjectKey, l.Subject }).ToListAsync(ct))
            .Where(l => ids.Contains(l.PupilId)).ToList();
        var marks = (await db.SubjectMarks.AsNoTracking().ToListAsync(ct)).Where(m => ids.Contains(m.PupilId))
            .ToDictionary(m => (m.PupilId, m.SubjectKey), m => m.Protection);
        bool Is(PupilId pupil, string subject, LessonProtection protection) => marks.TryGetValue((pupil, subject), out var m) && m == protection;
        var byPupil = lessons.GroupBy(l => l.PupilId).ToDictionary(g => g.Key, g => g.ToList());
        Rows = pupils.Where(p => byPupil.ContainsKey(p.Id)).OrderBy(p => p.LastName, StringComparer.CurrentCulture).ThenBy(p => p.FirstName, StringComparer.CurrentCulture)
            .Select(p =>
            {
                var subjects = byPupil[p.Id].GroupBy(l => l.SubjectKey, StringComparer.Ordinal).Select(g => (g.Key, Name: g.First().Subject)).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
                return new Row(p.Id, p.DisplayName, p.YearGroup, byPupil[p.Id].Count,
                    subjects.Where(s => Is(p.Id, s.Key, LessonProtection.Protected)).Select(s => s.Name).ToList(),
                    subjects.Where(s => Is(p.Id, s.Key, LessonProtection.Avoid)).Select(s => s.Name).ToList());
            }).ToList();
        WithoutLessons = pupils.Count - Rows.Count;
    }
}
