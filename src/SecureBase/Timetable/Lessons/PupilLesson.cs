using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Timetable;

[TypeConverter(typeof(EntityIdTypeConverter<PupilLessonId>))]
public readonly record struct PupilLessonId(Guid Value) : IEntityId<PupilLessonId>, IParsable<PupilLessonId>
{
    public static PupilLessonId New() => new(Guid.CreateVersion7());
    public static PupilLessonId From(Guid value) => new(value);
    public static PupilLessonId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PupilLessonId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<SubjectMarkId>))]
public readonly record struct SubjectMarkId(Guid Value) : IEntityId<SubjectMarkId>, IParsable<SubjectMarkId>
{
    public static SubjectMarkId New() => new(Guid.CreateVersion7());
    public static SubjectMarkId From(Guid value) => new(value);
    public static SubjectMarkId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SubjectMarkId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>
/// One lesson of a pupil's weekly timetable, as the school's information system exports it: the
/// pupil has <see cref="Subject"/> on <see cref="Day"/> in lesson period <see cref="PeriodId"/>.
/// A re-import of the lessons file replaces all of a pupil's lessons at once.
/// </summary>
public sealed class PupilLesson : ISchoolOwned
{
    public const int SubjectMaxLength = 60;

    private PupilLesson()
    {
    }

    public PupilLessonId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }
    public DayOfWeek Day { get; private set; }
    public LessonPeriodId PeriodId { get; private set; }

    /// <summary>As the school writes it ("Maths", "English Literature").</summary>
    public string Subject { get; private set; } = "";

    /// <summary>The subject folded (<see cref="Subjects.Key"/>), so "maths" and "Maths " are one subject for its mark.</summary>
    public string SubjectKey { get; private set; } = "";

    public static PupilLesson Create(SchoolId school, PupilId pupil, DayOfWeek day, LessonPeriodId period, string subject) => new()
    {
        Id = PupilLessonId.New(),
        SchoolId = school,
        PupilId = pupil,
        Day = day,
        PeriodId = period,
        Subject = subject.Trim(),
        SubjectKey = Subjects.Key(subject),
    };
}

/// <summary>How much a pupil's lessons in a subject matter when timetabling therapy.</summary>
public enum LessonProtection
{
    /// <summary>The pupil must not miss it: the scheduler never places therapy over it.</summary>
    Protected,

    /// <summary>Preferably not missed: the scheduler avoids it when it can.</summary>
    Avoid,
}

/// <summary>
/// The SENDCo's mark on one subject for one pupil: must not miss (protected) or should preferably
/// not miss (avoid). Kept by subject, not by lesson, so it survives a re-import of the lessons file.
/// A subject without a mark may be missed for therapy.
/// </summary>
public sealed class SubjectMark : ISchoolOwned
{
    private SubjectMark()
    {
    }

    public SubjectMarkId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }
    public string SubjectKey { get; private set; } = "";
    public LessonProtection Protection { get; private set; }
    public Guid MarkedBy { get; private set; }
    public DateTime MarkedAt { get; private set; }

    public static SubjectMark Create(SchoolId school, PupilId pupil, string subject, LessonProtection protection, Guid by, DateTime now) => new()
    {
        Id = SubjectMarkId.New(),
        SchoolId = school,
        PupilId = pupil,
        SubjectKey = Subjects.Key(subject),
        Protection = protection,
        MarkedBy = by,
        MarkedAt = now,
    };

    public void Change(LessonProtection protection, Guid by, DateTime now)
    {
        Protection = protection;
        MarkedBy = by;
        MarkedAt = now;
    }
}

public static class Subjects
{
    /// <summary>"Maths", " maths " and "MATHS" are one subject: trimmed, inner spaces collapsed, lower case.</summary>
    public static string Key(string subject)
    {
        var sb = new StringBuilder(subject.Length);
        var space = false;
        foreach (var c in subject.Normalize(NormalizationForm.FormKC).Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
