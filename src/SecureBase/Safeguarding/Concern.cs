using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Safeguarding;

[TypeConverter(typeof(EntityIdTypeConverter<ConcernId>))]
internal readonly record struct ConcernId(Guid Value) : IEntityId<ConcernId>, IParsable<ConcernId>
{
    public static ConcernId New() => new(Guid.CreateVersion7());
    public static ConcernId From(Guid value) => new(value);
    public static ConcernId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ConcernId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<ConcernEntryId>))]
internal readonly record struct ConcernEntryId(Guid Value) : IEntityId<ConcernEntryId>, IParsable<ConcernEntryId>
{
    public static ConcernEntryId New() => new(Guid.CreateVersion7());
    public static ConcernEntryId From(Guid value) => new(value);
    public static ConcernEntryId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ConcernEntryId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<ConcernShareId>))]
internal readonly record struct ConcernShareId(Guid Value) : IEntityId<ConcernShareId>, IParsable<ConcernShareId>
{
    public static ConcernShareId New() => new(Guid.CreateVersion7());
    public static ConcernShareId From(Guid value) => new(value);
    public static ConcernShareId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ConcernShareId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>What a concern is about (the categories schools use in CPOMS and MyConcern).</summary>
internal enum ConcernCategory
{
    Physical,
    Emotional,
    SexualAbuse,
    Neglect,
    SelfHarmOrSuicidalIdeation,
    HarmToOthers,
    SuspectedCrime,
    Exploitation,
    Other,
}

/// <summary>Where the concern was raised from.</summary>
internal enum ConcernSource
{
    PupilRecord,
    Referral,
    Session,
    HomePage,
}

/// <summary>What the DSL (or a deputy) did about a concern. The last two are West Heath's confidentiality exceptions (1) and (3).</summary>
internal enum ConcernActionKind
{
    SpokeToPupil,
    ContactedParents,
    ReferralToChildrensSocialCare,
    Police,
    Lado,
    EarlyHelp,
    Other,

    /// <summary>West Heath exception (1): a suspected or planned crime reported to the relevant authority (to whom, when).</summary>
    CrimeReportedToAuthority,

    /// <summary>West Heath exception (3): a worry about safety shared under safeguarding procedures (with whom, when).</summary>
    SharedUnderSafeguardingProcedures,
}

/// <summary>How a concern was closed.</summary>
internal enum ConcernOutcomeKind
{
    NoFurtherAction,
    Monitoring,
    EarlyHelp,
    ReferralToSocialCare,
    Police,
}

/// <summary>Names in the school's words.</summary>
internal static class ConcernWords
{
    /// <summary>A moment on the safeguarding pages (raised, shared, sent, an entry in the chronology): the school's date and time.</summary>
    public static string When(Schools.SchoolClock clock, DateTime utc) => clock.ToLocal(utc).ToString("d MMM yyyy HH:mm");

    public static string Category(ConcernCategory c) => c switch
    {
        ConcernCategory.Physical => "Physical abuse",
        ConcernCategory.Emotional => "Emotional abuse",
        ConcernCategory.SexualAbuse => "Sexual abuse",
        ConcernCategory.Neglect => "Neglect",
        ConcernCategory.SelfHarmOrSuicidalIdeation => "Self-harm or suicidal ideation",
        ConcernCategory.HarmToOthers => "Harm to others",
        ConcernCategory.SuspectedCrime => "Suspected crime",
        ConcernCategory.Exploitation => "Exploitation",
        _ => "Other",
    };

    /// <summary>Categories the DSL must look at first: marked urgent wherever the concern is listed.</summary>
    public static bool IsUrgent(ConcernCategory c) =>
        c is ConcernCategory.Physical or ConcernCategory.SexualAbuse or ConcernCategory.SelfHarmOrSuicidalIdeation or ConcernCategory.Exploitation;

    public static string Source(ConcernSource s) => s switch
    {
        ConcernSource.PupilRecord => "The pupil record",
        ConcernSource.Referral => "A referral",
        ConcernSource.Session => "A therapy session",
        _ => "The home page",
    };

    public static string Action(ConcernActionKind k) => k switch
    {
        ConcernActionKind.SpokeToPupil => "Spoke to the pupil",
        ConcernActionKind.ContactedParents => "Contacted parents or carers",
        ConcernActionKind.ReferralToChildrensSocialCare => "Referral to children's social care",
        ConcernActionKind.Police => "Police",
        ConcernActionKind.Lado => "LADO",
        ConcernActionKind.EarlyHelp => "Early help",
        ConcernActionKind.CrimeReportedToAuthority => "Suspected or planned crime reported to the relevant authority (confidentiality exception)",
        ConcernActionKind.SharedUnderSafeguardingProcedures => "Worry about safety shared under safeguarding procedures (confidentiality exception)",
        _ => "Other",
    };

    public static string Outcome(ConcernOutcomeKind o) => o switch
    {
        ConcernOutcomeKind.NoFurtherAction => "No further action",
        ConcernOutcomeKind.Monitoring => "Monitoring",
        ConcernOutcomeKind.EarlyHelp => "Early help",
        ConcernOutcomeKind.ReferralToSocialCare => "Referral to children's social care",
        _ => "Police",
    };

    /// <summary>What the person who raised a concern does next (shown instead of the chronology).</summary>
    public const string WhatToDoNow =
        "Received by the DSL. What you need to do now: if a child is in immediate danger call 999; do not investigate or question the pupil further; "
        + "do not promise to keep it secret; tell the DSL at once in person if it is urgent; add anything you remember later as an addendum.";
}

/// <summary>What someone raising a concern writes: checked by <see cref="Concern.Raise"/>.</summary>
internal sealed record NewConcern(
    string? WhatWasSeenOrSaid,
    DateTime? HappenedAt,
    string? WhoWasPresent,
    string? ImmediateAction,
    ConcernCategory? Category,
    ConcernSource Source,
    Guid? SourceId,
    Guid SubmissionKey);

/// <summary>Who writes something on a concern.</summary>
internal sealed record ConcernAuthor(Guid UserId, string Name);

/// <summary>
/// A safeguarding concern about a pupil (C11). Saved once (a second submission of the same form
/// finds it) and never edited or deleted: corrections are addenda. The DSL and deputies work it
/// through with actions and close it with an outcome.
/// </summary>
internal sealed class Concern : ISchoolOwned
{
    public const int TextMax = 4000;
    public const int ShortMax = 500;
    public const string NotEditable = "A saved concern cannot be changed or deleted. Add an addendum instead (POST /api/v1/concerns/{id}/addenda with {\"text\": \"...\"}): it keeps its own author and time.";

    private Concern()
    {
    }

    public ConcernId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }
    public Guid RaisedByUserId { get; private set; }
    public string RaisedByName { get; private set; } = "";
    public DateTime RaisedAt { get; private set; }

    /// <summary>What was seen or said, in the pupil's words where possible.</summary>
    public string WhatWasSeenOrSaid { get; private set; } = "";

    public DateTime? HappenedAt { get; private set; }
    public string? WhoWasPresent { get; private set; }
    public string? ImmediateAction { get; private set; }
    public ConcernCategory Category { get; private set; }
    public ConcernSource Source { get; private set; }

    /// <summary>The referral or session it was raised from.</summary>
    public Guid? SourceId { get; private set; }

    public Guid SubmissionKey { get; private set; }

    /// <summary>When a DSL or deputy first opened it: until then it counts as unopened for all of them.</summary>
    public DateTime? FirstOpenedAt { get; private set; }

    public ConcernOutcomeKind? Outcome { get; private set; }
    public string? OutcomeNote { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? ClosedByName { get; private set; }

    public bool IsOpen => ClosedAt is null;
    public bool IsUrgent => ConcernWords.IsUrgent(Category);

    public static Result<Concern> Raise(SchoolId school, PupilId pupil, NewConcern c, ConcernAuthor by, DateTime now)
    {
        var errors = new List<FieldError>();
        var what = TextRules.Tidy(c.WhatWasSeenOrSaid);
        if (what is null)
        {
            errors.Add(new FieldError("WhatWasSeenOrSaid", "Write what was seen or said, in the pupil's words where you can: nothing was saved"));
        }

        Check(errors, "WhatWasSeenOrSaid", what, TextMax, "What was seen or said");
        var present = TextRules.Tidy(c.WhoWasPresent);
        Check(errors, "WhoWasPresent", present, ShortMax, "Who was present");
        var action = TextRules.Tidy(c.ImmediateAction);
        Check(errors, "ImmediateAction", action, TextMax, "Immediate action taken");
        if (c.Category is not { } category || !Enum.IsDefined(category))
        {
            errors.Add(new FieldError("Category", "Choose the kind of concern (choose Other if none fits)"));
        }

        if (c.HappenedAt is { } at && at > now.AddMinutes(5))
        {
            errors.Add(new FieldError("HappenedAt", "When it happened cannot be in the future"));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        return new Concern
        {
            Id = ConcernId.New(),
            SchoolId = school,
            PupilId = pupil,
            RaisedByUserId = by.UserId,
            RaisedByName = by.Name,
            RaisedAt = now,
            WhatWasSeenOrSaid = what!,
            HappenedAt = c.HappenedAt,
            WhoWasPresent = present,
            ImmediateAction = action,
            Category = c.Category!.Value,
            Source = c.Source,
            SourceId = c.SourceId,
            SubmissionKey = c.SubmissionKey == Guid.Empty ? Guid.NewGuid() : c.SubmissionKey,
        };
    }

    public void OpenedByDsl(DateTime now) => FirstOpenedAt ??= now;

    public Outcome Close(ConcernOutcomeKind outcome, string? note, ConcernAuthor by, DateTime now)
    {
        if (!IsOpen)
        {
            return new Error.Conflict($"This concern was already closed ({ConcernWords.Outcome(Outcome!.Value)}) on {ClosedAt:d MMMM yyyy}; add an addendum instead.");
        }

        if (!Enum.IsDefined(outcome))
        {
            return new Error.Validation("Outcome", "Choose an outcome");
        }

        var tidy = TextRules.Tidy(note);
        var errors = new List<FieldError>();
        Check(errors, "OutcomeNote", tidy, TextMax, "The note");
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        Outcome = outcome;
        OutcomeNote = tidy;
        ClosedAt = now;
        ClosedByName = by.Name;
        return Common.Outcome.Ok;
    }

    internal static void Check(List<FieldError> errors, string field, string? text, int max, string name)
    {
        if (text is null)
        {
            return;
        }

        if (text.Length > max)
        {
            errors.Add(new FieldError(field, $"{name} must be {max} characters or fewer (it has {text.Length})"));
        }
        else if (TextRules.FindForbiddenCharacter(text, multiLine: true) is { } bad)
        {
            errors.Add(new FieldError(field, $"{name} contains {bad}; please retype it"));
        }
    }
}

/// <summary>Whether an entry on a concern is an addendum (a correction or something remembered later) or an action the DSL took.</summary>
internal enum ConcernEntryKind
{
    Addendum,
    Action,
}

/// <summary>
/// Something added to a concern after it was saved: an addendum (author, time, text) or an action
/// (what, owner, date, and for the confidentiality exceptions to whom). Never edited.
/// </summary>
internal sealed class ConcernEntry : ISchoolOwned
{
    private ConcernEntry()
    {
    }

    public ConcernEntryId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public ConcernId ConcernId { get; private set; }
    public ConcernEntryKind Kind { get; private set; }
    public ConcernActionKind? Action { get; private set; }
    public string Text { get; private set; } = "";

    /// <summary>Who owns the action (a name).</summary>
    public string? Owner { get; private set; }

    /// <summary>The date the action was (or is to be) taken.</summary>
    public DateOnly? On { get; private set; }

    /// <summary>For a report or a sharing: to whom.</summary>
    public string? ToWhom { get; private set; }

    public Guid AuthorUserId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTime WrittenAt { get; private set; }

    public static Result<ConcernEntry> Addendum(Concern concern, string? text, ConcernAuthor by, DateTime now)
    {
        var tidy = TextRules.Tidy(text);
        var errors = new List<FieldError>();
        if (tidy is null)
        {
            errors.Add(new FieldError("Text", "Write the addendum before saving it"));
        }

        Concern.Check(errors, "Text", tidy, Concern.TextMax, "The addendum");
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        return new ConcernEntry
        {
            Id = ConcernEntryId.New(), SchoolId = concern.SchoolId, ConcernId = concern.Id, Kind = ConcernEntryKind.Addendum,
            Text = tidy!, AuthorUserId = by.UserId, AuthorName = by.Name, WrittenAt = now,
        };
    }

    public static Result<ConcernEntry> ActionTaken(Concern concern, ConcernActionKind? action, string? owner, DateOnly? on, string? toWhom, string? note, ConcernAuthor by, DateTime now)
    {
        var errors = new List<FieldError>();
        if (action is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(new FieldError("Action", "Choose the action taken"));
        }

        var who = TextRules.Tidy(owner);
        if (who is null)
        {
            errors.Add(new FieldError("Owner", "Say who owns the action"));
        }

        Concern.Check(errors, "Owner", who, 200, "The owner");
        if (on is null)
        {
            errors.Add(new FieldError("On", "Give the date of the action"));
        }

        var to = TextRules.Tidy(toWhom);
        Concern.Check(errors, "ToWhom", to, 200, "To whom");
        if (to is null && action is ConcernActionKind.CrimeReportedToAuthority or ConcernActionKind.SharedUnderSafeguardingProcedures)
        {
            errors.Add(new FieldError("ToWhom", "Say to whom it was reported or shared"));
        }

        var text = TextRules.Tidy(note);
        Concern.Check(errors, "Note", text, Concern.TextMax, "The note");
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        return new ConcernEntry
        {
            Id = ConcernEntryId.New(), SchoolId = concern.SchoolId, ConcernId = concern.Id, Kind = ConcernEntryKind.Action,
            Action = action, Owner = who, On = on, ToWhom = to, Text = text ?? "",
            AuthorUserId = by.UserId, AuthorName = by.Name, WrittenAt = now,
        };
    }
}

/// <summary>The DSL shared a concern with a named member of staff, with a reason: that person then sees that concern.</summary>
internal sealed class ConcernShare : ISchoolOwned
{
    private ConcernShare()
    {
    }

    public ConcernShareId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public ConcernId ConcernId { get; private set; }
    public Guid UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public string SharedByName { get; private set; } = "";
    public DateTime SharedAt { get; private set; }

    public static Result<ConcernShare> Share(Concern concern, Guid userId, string userName, string? reason, ConcernAuthor by, DateTime now)
    {
        var why = TextRules.Tidy(reason);
        var errors = new List<FieldError>();
        if (why is null)
        {
            errors.Add(new FieldError("Reason", "Say why you are sharing this concern"));
        }

        Concern.Check(errors, "Reason", why, ShortMaxReason, "The reason");
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        return new ConcernShare
        {
            Id = ConcernShareId.New(), SchoolId = concern.SchoolId, ConcernId = concern.Id, UserId = userId, UserName = userName,
            Reason = why!, SharedByName = by.Name, SharedAt = now,
        };
    }

    private const int ShortMaxReason = 500;
}
