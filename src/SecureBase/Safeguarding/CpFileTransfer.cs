using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Safeguarding;

[TypeConverter(typeof(EntityIdTypeConverter<CpFileTransferId>))]
internal readonly record struct CpFileTransferId(Guid Value) : IEntityId<CpFileTransferId>, IParsable<CpFileTransferId>
{
    public static CpFileTransferId New() => new(Guid.CreateVersion7());
    public static CpFileTransferId From(Guid value) => new(value);
    public static CpFileTransferId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CpFileTransferId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<SafeguardingSettingsId>))]
internal readonly record struct SafeguardingSettingsId(Guid Value) : IEntityId<SafeguardingSettingsId>, IParsable<SafeguardingSettingsId>
{
    public static SafeguardingSettingsId New() => new(Guid.CreateVersion7());
    public static SafeguardingSettingsId From(Guid value) => new(value);
    public static SafeguardingSettingsId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SafeguardingSettingsId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>One line of a child protection file as it was sent: the sending school's chronology, frozen.</summary>
internal sealed record CpFileLine(DateTime At, string What, string Text, string By, bool Urgent);

/// <summary>
/// A child protection file sent by the DSL of one school to the DSL of another school of the same
/// installation when a pupil moves (KCSIE: within 5 school days of the move), separately from the main
/// record. It belongs to both schools, so it is not filtered to one: only <see cref="CpTransferDesk"/> reads it,
/// always for the sending or the receiving school. The file is a frozen copy of the chronology (concerns,
/// addenda, actions, outcomes) as it stood when sent; both ends keep when it was sent and by whom, and when
/// and by whom its receipt was confirmed. Never edited or deleted.
/// </summary>
internal sealed class CpFileTransfer
{
    /// <summary>KCSIE: the file reaches the new school within 5 school days of the move.</summary>
    public const int SchoolDaysToConfirm = 5;

    private CpFileTransfer()
    {
    }

    public CpFileTransferId Id { get; private set; }
    public SchoolId FromSchoolId { get; private set; }
    public string FromSchoolName { get; private set; } = "";
    public SchoolId ToSchoolId { get; private set; }
    public string ToSchoolName { get; private set; } = "";

    /// <summary>The pupil's record at the sending school.</summary>
    public PupilId PupilId { get; private set; }

    public string PupilName { get; private set; } = "";
    public DateOnly PupilDateOfBirth { get; private set; }

    /// <summary>The receiving school's DSL (or deputy) the file was addressed to.</summary>
    public Guid ToDslUserId { get; private set; }

    public string ToDslName { get; private set; } = "";
    public Guid SentByUserId { get; private set; }
    public string SentByName { get; private set; } = "";
    public DateTime SentAt { get; private set; }

    /// <summary>The day the pupil moved (left the sending school).</summary>
    public DateOnly MovedOn { get; private set; }

    /// <summary>The fifth school day after the move: receipt should be confirmed by then.</summary>
    public DateOnly ConfirmBy { get; private set; }

    public int ConcernCount { get; private set; }

    /// <summary>The file as sent (JSON lines of the chronology).</summary>
    public string FileJson { get; private set; } = "[]";

    public DateTime? ConfirmedAt { get; private set; }
    public Guid? ConfirmedByUserId { get; private set; }
    public string? ConfirmedByName { get; private set; }

    public bool IsPending => ConfirmedAt is null;

    /// <summary>The sender sees a transfer not confirmed by its date as overdue.</summary>
    public bool IsOverdue(DateOnly today) => IsPending && today > ConfirmBy;

    /// <summary>Retention: reviewed at the pupil's date of birth + 25 years, never deleted automatically.</summary>
    public DateOnly ReviewOn => Retention.ReviewDate(PupilDateOfBirth);

    public IReadOnlyList<CpFileLine> Lines => JsonSerializer.Deserialize<List<CpFileLine>>(FileJson) ?? [];

    public static CpFileTransfer Send(SchoolId from, string fromName, SchoolId to, string toName, PupilId pupil, string pupilName, DateOnly dateOfBirth,
        Guid toDsl, string toDslName, ConcernAuthor by, DateOnly movedOn, DateOnly confirmBy, int concerns, IReadOnlyList<CpFileLine> lines, DateTime now) => new()
    {
        Id = CpFileTransferId.New(),
        FromSchoolId = from, FromSchoolName = fromName, ToSchoolId = to, ToSchoolName = toName,
        PupilId = pupil, PupilName = pupilName, PupilDateOfBirth = dateOfBirth,
        ToDslUserId = toDsl, ToDslName = toDslName, SentByUserId = by.UserId, SentByName = by.Name, SentAt = now,
        MovedOn = movedOn, ConfirmBy = confirmBy, ConcernCount = concerns, FileJson = JsonSerializer.Serialize(lines),
    };

    public Outcome Confirm(ConcernAuthor by, DateTime now, Schools.SchoolTime time)
    {
        if (!IsPending)
        {
            return new Error.Conflict($"Receipt of this file was already confirmed by {ConfirmedByName} on {time.ToLocal(ConfirmedAt!.Value):d MMMM yyyy HH:mm}.");
        }

        ConfirmedAt = now;
        ConfirmedByUserId = by.UserId;
        ConfirmedByName = by.Name;
        return Outcome.Ok;
    }
}

/// <summary>Child protection records are reviewed at the pupil's date of birth + 25 years and never deleted automatically.</summary>
internal static class Retention
{
    public const int YearsAfterBirth = 25;

    public static DateOnly ReviewDate(DateOnly dateOfBirth) => dateOfBirth.AddYears(YearsAfterBirth);

    public static string Words(DateOnly dateOfBirth) =>
        $"Keep until the retention review on {ReviewDate(dateOfBirth):d MMMM yyyy} (date of birth + {YearsAfterBirth} years). Child protection records are never deleted automatically.";
}

/// <summary>The school's safeguarding settings, kept by the DSL: how many school weeks running of missed sessions make a "was not brought" pattern.</summary>
internal sealed class SafeguardingSettings : ISchoolOwned
{
    public const int DefaultWeeks = 3;
    public const int MaxWeeks = 12;

    private SafeguardingSettings()
    {
    }

    public SafeguardingSettingsId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public int WasNotBroughtWeeks { get; private set; } = DefaultWeeks;
    public DateTime ChangedAt { get; private set; }
    public string ChangedByName { get; private set; } = "";

    public static SafeguardingSettings For(SchoolId school) => new() { Id = SafeguardingSettingsId.New(), SchoolId = school };

    public Outcome SetWasNotBroughtWeeks(int? weeks, string by, DateTime now)
    {
        if (weeks is not { } w)
        {
            return new Error.Validation("WasNotBroughtWeeks", "Give the number of school weeks running (1 to 12)");
        }

        if (w is < 1 or > MaxWeeks)
        {
            return new Error.Validation("WasNotBroughtWeeks", $"The number of school weeks running must be between 1 and {MaxWeeks} (you gave {w}); nothing was changed");
        }

        WasNotBroughtWeeks = w;
        ChangedAt = now;
        ChangedByName = by;
        return Outcome.Ok;
    }
}

/// <summary>A DSL (or deputy) has read a concern: each keeps their own unread count, which stays until they open it.</summary>
internal sealed class ConcernRead : ISchoolOwned
{
    private ConcernRead()
    {
    }

    public SchoolId SchoolId { get; private set; }
    public ConcernId ConcernId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime ReadAt { get; private set; }

    public static ConcernRead Of(Concern concern, Guid user, DateTime now) => new() { SchoolId = concern.SchoolId, ConcernId = concern.Id, UserId = user, ReadAt = now };
}
