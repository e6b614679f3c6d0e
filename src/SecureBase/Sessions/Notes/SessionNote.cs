using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Sessions.Notes;

[TypeConverter(typeof(EntityIdTypeConverter<SessionNoteId>))]
internal readonly record struct SessionNoteId(Guid Value) : IEntityId<SessionNoteId>, IParsable<SessionNoteId>
{
    public static SessionNoteId New() => new(Guid.CreateVersion7());
    public static SessionNoteId From(Guid value) => new(value);
    public static SessionNoteId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SessionNoteId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>What a note is about.</summary>
internal enum NoteKind
{
    /// <summary>One pupil at one session.</summary>
    Session,

    /// <summary>A group session as a whole (each member may also have their own note).</summary>
    Group,

    /// <summary>A progress note on an episode (the therapeutic-action weeks of the cycle), not tied to one session.</summary>
    Progress,
}

/// <summary>Whether a version of a note is the note as its author wrote or corrected it before it locked, or an addendum after.</summary>
internal enum NoteEntryKind
{
    Written,
    Addendum,
}

/// <summary>Who writes a version: the user (for the audit log and the addendum's byline) and their staff record.</summary>
internal sealed record NoteAuthor(Guid UserId, StaffId StaffId, string Name);

/// <summary>
/// A confidential note by a practitioner: about one pupil at a session, a group session as a whole,
/// or an episode's progress. Its author may correct it until it locks, on signing or 24 hours after
/// it was first written (worked out when asked: no job locks it); later changes are addenda with
/// their own author and time. Every version is kept, and every version's text is stored only as
/// ciphertext (<see cref="NoteCipher"/>).
/// </summary>
internal sealed class SessionNote : ISchoolOwned
{
    public const int MaxLength = 20_000;
    public static readonly TimeSpan LocksAfter = TimeSpan.FromHours(24);
    public const string LockedMessage = "This note is locked; add an addendum";

    private readonly List<NoteVersion> _versions = [];

    private SessionNote()
    {
    }

    public SessionNoteId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public NoteKind Kind { get; private set; }
    public TherapySessionId? TherapySessionId { get; private set; }
    public EpisodeId? EpisodeId { get; private set; }
    public PupilId? PupilId { get; private set; }
    public Guid AuthorUserId { get; private set; }
    public StaffId AuthorStaffId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTime WrittenAt { get; private set; }
    public DateTime? SignedAt { get; private set; }

    /// <summary>The number of versions so far: a change must name the one its writer saw.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<NoteVersion> Versions => _versions;

    public DateTime LocksAt => SignedAt ?? WrittenAt + LocksAfter;

    public bool IsLockedAt(DateTime now) => SignedAt is not null || now >= WrittenAt + LocksAfter;

    /// <summary>Checks a note's text: present, not too long, nothing that misleads a reader. Never echoes the text.</summary>
    public static Result<string> CheckText(string? raw, string field = "Text")
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new Error.Validation(field, "Write the note before saving it");
        }

        if (text.Length > MaxLength)
        {
            return new Error.Validation(field, $"Keep a note to {MaxLength:N0} characters");
        }

        if (TextRules.FindForbiddenCharacter(text, multiLine: true) is { } bad)
        {
            return new Error.Validation(field, $"The note contains {bad}; take it out and save again");
        }

        return text.Normalize(System.Text.NormalizationForm.FormC);
    }

    /// <summary>The first and last weeks of the cycle in which progress notes are written (therapeutic action, Serenity).</summary>
    public const int FirstProgressWeek = 5;
    public const int LastProgressWeek = 10;

    /// <summary>
    /// A progress note is written while the episode's cycle is in weeks 5–10 (therapeutic action).
    /// <paramref name="position"/> is where the cycle is today (in a holiday, where it paused); null when it has not started.
    /// </summary>
    public static Outcome CheckProgressWeek(CyclePosition? position)
    {
        if (position is null)
        {
            return new Error.Conflict($"Progress notes are written in weeks {FirstProgressWeek} to {LastProgressWeek} of the cycle; this episode's cycle has not started yet");
        }

        if (position.Week is < FirstProgressWeek or > LastProgressWeek)
        {
            return new Error.Conflict($"Progress notes are written in weeks {FirstProgressWeek} to {LastProgressWeek} of the cycle (therapeutic action); this episode is in week {position.Week} of cycle {position.Cycle} ({position.PhaseWords.ToLowerInvariant()})");
        }

        return Outcome.Ok;
    }

    public static Result<SessionNote> Write(SchoolId school, NoteKind kind, TherapySessionId? session, EpisodeId? episode, PupilId? pupil, NoteAuthor author, string? text, NoteCipher cipher, DateTime now)
    {
        var checkedText = CheckText(text);
        if (!checkedText.IsSuccess)
        {
            return checkedText.Error!;
        }

        var note = new SessionNote
        {
            Id = SessionNoteId.New(),
            SchoolId = school,
            Kind = kind,
            TherapySessionId = session,
            EpisodeId = episode,
            PupilId = pupil,
            AuthorUserId = author.UserId,
            AuthorStaffId = author.StaffId,
            AuthorName = author.Name,
            WrittenAt = now,
        };
        note.Add(NoteEntryKind.Written, author, checkedText.Value, cipher, now);
        return note;
    }

    /// <summary>The author corrects the note before it locks; <paramref name="seen"/> is the version they saw.</summary>
    public Outcome Edit(int? seen, NoteAuthor by, string? text, NoteCipher cipher, DateTime now)
    {
        if (by.UserId != AuthorUserId)
        {
            return new Error.Forbidden("Only the note's author can change it; add an addendum instead");
        }

        if (IsLockedAt(now))
        {
            return new Error.Conflict(LockedMessage);
        }

        if (seen is null)
        {
            return new Error.Validation("Version", "Send the version of the note you saw");
        }

        if (seen != Version)
        {
            return new Error.Conflict("The note changed while you were editing it; nothing was saved. Open it again.");
        }

        var checkedText = CheckText(text);
        if (!checkedText.IsSuccess)
        {
            return checkedText.Error!;
        }

        Add(NoteEntryKind.Written, by, checkedText.Value, cipher, now);
        return Outcome.Ok;
    }

    /// <summary>The author signs the note: it locks at once.</summary>
    public Outcome Sign(int? seen, NoteAuthor by, DateTime now)
    {
        if (seen is null)
        {
            return new Error.Validation("Version", "Send the version of the note you are signing");
        }

        if (by.UserId != AuthorUserId)
        {
            return new Error.Forbidden("Only the note's author can sign it");
        }

        if (SignedAt is not null)
        {
            return new Error.Conflict("This note is already signed");
        }

        if (seen != Version)
        {
            return new Error.Conflict("The note changed since you opened it; read it again before signing");
        }

        SignedAt = now < LocksAt ? now : LocksAt;
        return Outcome.Ok;
    }

    /// <summary>A later change to a locked note, with its own author and time.</summary>
    public Outcome AddAddendum(NoteAuthor by, string? text, NoteCipher cipher, DateTime now)
    {
        if (!IsLockedAt(now))
        {
            return new Error.Conflict("This note is not locked yet: its author can still edit it");
        }

        var checkedText = CheckText(text);
        if (!checkedText.IsSuccess)
        {
            return checkedText.Error!;
        }

        Add(NoteEntryKind.Addendum, by, checkedText.Value, cipher, now);
        return Outcome.Ok;
    }

    private void Add(NoteEntryKind kind, NoteAuthor by, string text, NoteCipher cipher, DateTime now)
    {
        Version++;
        var sealedText = cipher.Seal(Id, Version, text);
        _versions.Add(new NoteVersion(Id, Version, kind, by.UserId, by.Name, now, sealedText.KeyId, sealedText.Bytes));
    }
}

/// <summary>
/// One version of a note (as written or corrected before locking) or an addendum: who, when, and the
/// text as AES-GCM ciphertext under the key named by <see cref="KeyId"/>.
/// </summary>
internal sealed class NoteVersion
{
    private NoteVersion()
    {
    }

    internal NoteVersion(SessionNoteId noteId, int number, NoteEntryKind kind, Guid authorUserId, string authorName, DateTime writtenAt, string keyId, byte[] ciphertext)
    {
        Id = NoteVersionId.New();
        NoteId = noteId;
        Number = number;
        Kind = kind;
        AuthorUserId = authorUserId;
        AuthorName = authorName;
        WrittenAt = writtenAt;
        KeyId = keyId;
        Ciphertext = ciphertext;
    }

    public NoteVersionId Id { get; private set; }
    public SessionNoteId NoteId { get; private set; }
    public int Number { get; private set; }
    public NoteEntryKind Kind { get; private set; }
    public Guid AuthorUserId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTime WrittenAt { get; private set; }

    /// <summary>Which note key sealed the text (keys are rotated with <c>rotate-note-key</c>).</summary>
    public string KeyId { get; private set; } = "";

    /// <summary>Nonce (12 bytes), ciphertext and tag (16 bytes).</summary>
    public byte[] Ciphertext { get; private set; } = [];

    internal void Reseal(SealedText sealedText)
    {
        KeyId = sealedText.KeyId;
        Ciphertext = sealedText.Bytes;
    }
}

[TypeConverter(typeof(EntityIdTypeConverter<NoteVersionId>))]
internal readonly record struct NoteVersionId(Guid Value) : IEntityId<NoteVersionId>, IParsable<NoteVersionId>
{
    public static NoteVersionId New() => new(Guid.CreateVersion7());
    public static NoteVersionId From(Guid value) => new(value);
    public static NoteVersionId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out NoteVersionId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}
