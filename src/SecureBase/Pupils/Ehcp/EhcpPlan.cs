using System.Globalization;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>How often an EHCP says therapy happens: "1 session a week", or "6 sessions each half term".</summary>
public enum ProvisionFrequency
{
    PerWeek,
    PerHalfTerm,
}

/// <summary>Whether the EHCP specifies the therapy one-to-one or in a group.</summary>
public enum ProvisionDelivery
{
    Individual,
    Group,
}

/// <summary>The limits of what an EHCP can say, in one place for the forms, the API and the rules.</summary>
public static class EhcpRules
{
    /// <summary>EHCPs replaced statements of SEN from 1 September 2014 (Children and Families Act 2014).</summary>
    public static readonly DateOnly FirstPlanDate = new(2014, 9, 1);

    /// <summary>A plan is reviewed at least every 12 months (SEND Code of Practice 9.166).</summary>
    public const int ReviewIntervalMonths = 12;

    public const int MaxSessionsPerWeek = 10;
    public const int MaxSessionsPerHalfTerm = 60;
    public const int MinMinutes = 5;
    public const int MaxMinutes = 240;
    public const int MaxProvisionLines = 20;
    public const int LocalAuthorityMaxLength = 100;
    public const int NotesMaxLength = 1000;
    public const int DeliveredByMaxLength = 100;

    internal static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A date as the school writes it: "3 March 2026".</summary>
    public static string Long(DateOnly date) => date.ToString("d MMMM yyyy", English);
}

/// <summary>The plan's own details, as typed on the form or sent to the API.</summary>
public sealed record EhcpPlanDetails(DateOnly PlanDate, DateOnly NextReviewDue, string? LocalAuthority, string? Notes);

/// <summary>One line of therapy provision, e.g. speech and language therapy, 1 × 45 minutes a week, individual.</summary>
public sealed record ProvisionDetails(Discipline Discipline, int Sessions, ProvisionFrequency Frequency, int MinutesPerSession, ProvisionDelivery Delivery, string? DeliveredBy);

/// <summary>
/// A pupil's Education, Health and Care Plan as far as the therapy service needs it: when it was
/// issued, when it was last reviewed and is next due for its annual review, which local authority
/// issued it, and the therapy provision it specifies. Only a pupil whose SEN status is EHCP can
/// have one, and a pupil has at most one.
/// </summary>
public sealed class EhcpPlan : ISchoolOwned
{
    private readonly List<ProvisionItem> _provision = [];

    private EhcpPlan()
    {
    }

    public EhcpPlanId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }

    /// <summary>The date of the plan (its issue, or its latest amendment).</summary>
    public DateOnly PlanDate { get; private set; }

    public DateOnly? LastReviewedOn { get; private set; }
    public DateOnly NextReviewDue { get; private set; }
    public string LocalAuthority { get; private set; } = "";

    /// <summary>Practical notes about the plan, seen by everyone who may see the plan (parents included).</summary>
    public string? Notes { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<ProvisionItem> Provision => _provision;

    /// <summary>
    /// Gives a plan read without tracking its provision, read by a query of its own (see
    /// <see cref="EhcpPlans.ReadWithProvisionAsync"/>): for lists, where EF's Include costs more CPU than the rest of the page.
    /// </summary>
    internal void ProvisionRead(IEnumerable<ProvisionItem> items)
    {
        _provision.Clear();
        _provision.AddRange(items);
    }

    /// <summary>The plan's date or its last annual review, whichever is later: the 12 months run from here.</summary>
    public DateOnly ReviewedSince => Dates.ReviewedSince;

    /// <summary>The plan's dates, which the out-of-date rules and the lists read.</summary>
    public EhcpPlanDates Dates => new(Id, PlanDate, LastReviewedOn, NextReviewDue);

    /// <summary>Why this pupil cannot have a plan recorded or changed, or null when they can.</summary>
    public static Error? RefusalFor(Pupil pupil) =>
        pupil.HasLeft
            ? new Error.Conflict($"{pupil.DisplayName} left on {EhcpRules.Long(pupil.LeftOn!.Value)}; their record is read-only.")
            : pupil.SenStatus != SenStatus.Ehcp
                ? new Error.Conflict($"{pupil.DisplayName} does not have an EHCP in the school's records (their SEN status is {SenStatusName(pupil.SenStatus)}). Only a pupil with an EHCP can have EHCP provision recorded: update their SEN status first.")
                : null;

    public static Result<EhcpPlan> Create(Pupil pupil, EhcpPlanDetails details, DateOnly today, DateTime now)
    {
        if (RefusalFor(pupil) is { } refusal)
        {
            return refusal;
        }

        var plan = new EhcpPlan { Id = EhcpPlanId.New(), SchoolId = pupil.SchoolId, PupilId = pupil.Id, CreatedAt = now };
        var applied = plan.Apply(details, today, now);
        return applied.IsSuccess ? plan : applied.Error!;
    }

    public Outcome Update(Pupil pupil, EhcpPlanDetails details, DateOnly today, DateTime now)
    {
        if (pupil.Id != PupilId)
        {
            throw new InvalidOperationException("A plan can only be updated for its own pupil.");
        }

        return RefusalFor(pupil) is { } refusal ? refusal : Apply(details, today, now);
    }

    /// <summary>Records the annual review held on <paramref name="reviewedOn"/> and when the next one is due.</summary>
    public Outcome RecordAnnualReview(Pupil pupil, DateOnly reviewedOn, DateOnly nextReviewDue, DateOnly today, DateTime now)
    {
        if (RefusalFor(pupil) is { } refusal)
        {
            return refusal;
        }

        var errors = new List<FieldError>();
        if (reviewedOn > today)
        {
            errors.Add(new("ReviewedOn", "The date of the review cannot be in the future"));
        }
        else if (reviewedOn < PlanDate)
        {
            errors.Add(new("ReviewedOn", $"The date of the review cannot be before the plan's date ({EhcpRules.Long(PlanDate)})"));
        }
        else if (LastReviewedOn is { } last && reviewedOn < last)
        {
            errors.Add(new("ReviewedOn", $"A later annual review is already recorded ({EhcpRules.Long(last)})"));
        }

        if (nextReviewDue <= reviewedOn)
        {
            errors.Add(new("NextReviewDue", $"The next annual review must be after this review ({EhcpRules.Long(reviewedOn)})"));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        LastReviewedOn = reviewedOn;
        NextReviewDue = nextReviewDue;
        UpdatedAt = now;
        return Outcome.Ok;
    }

    public Result<ProvisionItem> AddProvision(Pupil pupil, ProvisionDetails details, DateTime now)
    {
        if (RefusalFor(pupil) is { } refusal)
        {
            return refusal;
        }

        if (_provision.Count >= EhcpRules.MaxProvisionLines)
        {
            return new Error.Conflict($"A plan can list up to {EhcpRules.MaxProvisionLines} lines of therapy provision; change or remove one first.");
        }

        var checkedDetails = ProvisionItem.Check(details);
        if (!checkedDetails.IsSuccess)
        {
            return checkedDetails.Error!;
        }

        var item = ProvisionItem.Create(this, checkedDetails.Value, now);
        _provision.Add(item);
        UpdatedAt = now;
        return item;
    }

    public Outcome ChangeProvision(Pupil pupil, ProvisionItemId id, ProvisionDetails details, DateTime now)
    {
        if (RefusalFor(pupil) is { } refusal)
        {
            return refusal;
        }

        var item = _provision.Find(i => i.Id == id);
        if (item is null)
        {
            return new Error.NotFound("That line of provision was not found in this plan.");
        }

        var checkedDetails = ProvisionItem.Check(details);
        if (!checkedDetails.IsSuccess)
        {
            return checkedDetails.Error!;
        }

        item.Change(checkedDetails.Value, now);
        UpdatedAt = now;
        return Outcome.Ok;
    }

    public Result<ProvisionItem> RemoveProvision(Pupil pupil, ProvisionItemId id, DateTime now)
    {
        if (RefusalFor(pupil) is { } refusal)
        {
            return refusal;
        }

        var item = _provision.Find(i => i.Id == id);
        if (item is null)
        {
            return new Error.NotFound("That line of provision was not found in this plan.");
        }

        _provision.Remove(item);
        UpdatedAt = now;
        return item;
    }

    private Outcome Apply(EhcpPlanDetails d, DateOnly today, DateTime now)
    {
        var errors = new List<FieldError>();
        if (d.PlanDate < EhcpRules.FirstPlanDate)
        {
            errors.Add(new("PlanDate", $"The plan date must be on or after {EhcpRules.Long(EhcpRules.FirstPlanDate)}, when EHCPs began"));
        }
        else if (d.PlanDate > today)
        {
            errors.Add(new("PlanDate", "The plan date cannot be in the future"));
        }

        var since = LastReviewedOn is { } r && r > d.PlanDate ? r : d.PlanDate;
        if (d.NextReviewDue <= since)
        {
            errors.Add(new("NextReviewDue", since == d.PlanDate
                ? $"The next annual review must be after the plan date ({EhcpRules.Long(d.PlanDate)})"
                : $"The next annual review must be after the last annual review ({EhcpRules.Long(since)})"));
        }

        var authority = EhcpText.Check(errors, "LocalAuthority", "Local authority", d.LocalAuthority, EhcpRules.LocalAuthorityMaxLength, required: true, multiLine: false);
        var notes = EhcpText.Check(errors, "Notes", "Notes", d.Notes, EhcpRules.NotesMaxLength, required: false, multiLine: true);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        PlanDate = d.PlanDate;
        NextReviewDue = d.NextReviewDue;
        LocalAuthority = authority!;
        Notes = notes;
        UpdatedAt = now;
        return Outcome.Ok;
    }

    private static string SenStatusName(SenStatus status) => status switch
    {
        SenStatus.None => "no special educational need",
        SenStatus.SenSupport => "SEN support",
        SenStatus.Ehcp => "EHCP",
    };
}

/// <summary>
/// One line of the therapy provision an EHCP specifies: the discipline, how many sessions per week
/// or per half term, how long each is, one-to-one or in a group, and who delivers it ("Speech and
/// language therapist", "TA under SaLT direction").
/// </summary>
public sealed class ProvisionItem : ISchoolOwned
{
    private ProvisionItem()
    {
    }

    public ProvisionItemId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public EhcpPlanId PlanId { get; private set; }
    public Discipline Discipline { get; private set; }
    public int Sessions { get; private set; }
    public ProvisionFrequency Frequency { get; private set; }
    public int MinutesPerSession { get; private set; }
    public ProvisionDelivery Delivery { get; private set; }
    public string DeliveredBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>"1 × 45 minutes a week, individual"; "6 × 30 minutes each half term, group".</summary>
    public string Describe() => ProvisionText.Describe(Sessions, Frequency, MinutesPerSession, Delivery);

    internal static ProvisionItem Create(EhcpPlan plan, ProvisionDetails d, DateTime now)
    {
        var item = new ProvisionItem { Id = ProvisionItemId.New(), SchoolId = plan.SchoolId, PlanId = plan.Id, CreatedAt = now };
        item.Change(d, now);
        return item;
    }

    internal void Change(ProvisionDetails d, DateTime now)
    {
        Discipline = d.Discipline;
        Sessions = d.Sessions;
        Frequency = d.Frequency;
        MinutesPerSession = d.MinutesPerSession;
        Delivery = d.Delivery;
        DeliveredBy = d.DeliveredBy!;
        UpdatedAt = now;
    }

    /// <summary>The provision's rules; on success the details come back tidied (trimmed text).</summary>
    public static Result<ProvisionDetails> Check(ProvisionDetails d)
    {
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(d.Discipline))
        {
            errors.Add(new("Discipline", "Choose a discipline from the list"));
        }

        if (!Enum.IsDefined(d.Frequency))
        {
            errors.Add(new("Frequency", "Choose how often: per week or per half term"));
        }
        else
        {
            var max = d.Frequency == ProvisionFrequency.PerWeek ? EhcpRules.MaxSessionsPerWeek : EhcpRules.MaxSessionsPerHalfTerm;
            if (d.Sessions < 1 || d.Sessions > max)
            {
                errors.Add(new("Sessions", $"Sessions {(d.Frequency == ProvisionFrequency.PerWeek ? "per week" : "per half term")} must be between 1 and {max}"));
            }
        }

        if (d.MinutesPerSession < EhcpRules.MinMinutes || d.MinutesPerSession > EhcpRules.MaxMinutes)
        {
            errors.Add(new("MinutesPerSession", $"Minutes per session must be between {EhcpRules.MinMinutes} and {EhcpRules.MaxMinutes}"));
        }

        if (!Enum.IsDefined(d.Delivery))
        {
            errors.Add(new("Delivery", "Choose individual or group"));
        }

        var by = EhcpText.Check(errors, "DeliveredBy", "Who delivers it", d.DeliveredBy, EhcpRules.DeliveredByMaxLength, required: true, multiLine: false);
        return errors.Count > 0 ? new Error.Validation(errors) : d with { DeliveredBy = by };
    }
}

/// <summary>Provision in words, the same on every page.</summary>
public static class ProvisionText
{
    public static string Describe(int sessions, ProvisionFrequency frequency, int minutes, ProvisionDelivery delivery) =>
        $"{sessions} × {minutes} minutes {(frequency == ProvisionFrequency.PerWeek ? "a week" : "each half term")}, {(delivery == ProvisionDelivery.Individual ? "individual" : "group")}";

    public static string Frequency(ProvisionFrequency f) => f switch
    {
        ProvisionFrequency.PerWeek => "Per week",
        ProvisionFrequency.PerHalfTerm => "Per half term",
    };

    public static string Delivery(ProvisionDelivery d) => d switch
    {
        ProvisionDelivery.Individual => "Individual",
        ProvisionDelivery.Group => "Group",
    };

    /// <summary>A discipline inside a sentence: "speech and language therapy", but "CBT/REBT" and "ELSA" keep their capitals.</summary>
    public static string InSentence(Discipline d) => Disciplines.InSentence(d);
}

/// <summary>The school's text rules (see <see cref="TextRules"/>) applied inside the EHCP rules, so the API is held to the same rules as the forms.</summary>
internal static class EhcpText
{
    public static string? Check(List<FieldError> errors, string field, string label, string? raw, int maxLength, bool required, bool multiLine)
    {
        var text = TextRules.Tidy(raw);
        if (text is null)
        {
            if (required)
            {
                errors.Add(new(field, $"Enter {char.ToLowerInvariant(label[0])}{label[1..]}"));
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(new(field, $"{label} must be {maxLength} characters or fewer (it has {text.Length})"));
            return null;
        }

        if (TextRules.FindForbiddenCharacter(text, multiLine) is { } bad)
        {
            errors.Add(new(field, $"{label} contains {bad}; please retype it"));
            return null;
        }

        return text;
    }
}

/// <summary>A plan's dates: what the EHCP lists show of a plan and the out-of-date rules read (with the disciplines it specifies).</summary>
public sealed record EhcpPlanDates(EhcpPlanId Id, DateOnly PlanDate, DateOnly? LastReviewedOn, DateOnly NextReviewDue)
{
    /// <summary>The plan's date or its last annual review, whichever is later: the 12 months run from here.</summary>
    public DateOnly ReviewedSince => LastReviewedOn is { } r && r > PlanDate ? r : PlanDate;
}
