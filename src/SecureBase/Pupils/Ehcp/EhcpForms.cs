using System.ComponentModel.DataAnnotations;
using SecureBase.Common;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>Reading what people type into the EHCP forms and filters.</summary>
public static class EhcpInput
{
    /// <summary>A discipline by its name ("SpeechAndLanguage"); numbers and unknown names are refused.</summary>
    public static Discipline? ParseDiscipline(string? text) => ParseChoice<Discipline>(text);

    /// <summary>A choice by its name ("PerWeek"); numbers and unknown names are refused.</summary>
    public static T? ParseChoice<T>(string? text) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => n.Equals(text?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : null;

    /// <summary>Disciplines in the order the school lists them.</summary>
    public static IReadOnlyList<Discipline> DisciplineChoices { get; } = Enum.GetValues<Discipline>();
}

/// <summary>The plan's details on the form.</summary>
public sealed class EhcpPlanInput
{
    [Display(Name = "Plan date")]
    [Needed]
    public DateOnly? PlanDate { get; set; }

    [Display(Name = "Next annual review")]
    [Needed]
    public DateOnly? NextReviewDue { get; set; }

    [Display(Name = "Local authority")]
    [Needed]
    [SchoolText(EhcpRules.LocalAuthorityMaxLength)]
    public string? LocalAuthority { get; set; }

    [Display(Name = "Notes")]
    [SchoolText(EhcpRules.NotesMaxLength, MultiLine = true)]
    public string? Notes { get; set; }

    public EhcpPlanDetails ToDetails() => new(PlanDate!.Value, NextReviewDue!.Value, LocalAuthority, Notes);

    public static EhcpPlanInput From(EhcpPlan plan) => new()
    {
        PlanDate = plan.PlanDate,
        NextReviewDue = plan.NextReviewDue,
        LocalAuthority = plan.LocalAuthority,
        Notes = plan.Notes,
    };
}

/// <summary>An annual review on the form.</summary>
public sealed class AnnualReviewInput
{
    [Display(Name = "Review date")]
    [Needed]
    public DateOnly? ReviewedOn { get; set; }

    [Display(Name = "Next annual review")]
    [Needed]
    public DateOnly? NextReviewDue { get; set; }
}

/// <summary>A line of provision on the form.</summary>
public sealed class ProvisionInput
{
    [Display(Name = "Discipline")]
    [Needed(ErrorMessage = "Choose a discipline from the list")]
    public string? Discipline { get; set; }

    [Display(Name = "Sessions")]
    [Needed(ErrorMessage = "Enter the number of sessions")]
    public int? Sessions { get; set; }

    [Display(Name = "How often")]
    [Needed(ErrorMessage = "Choose how often: per week or per half term")]
    public string? Frequency { get; set; }

    [Display(Name = "Minutes per session")]
    [Needed(ErrorMessage = "Enter the minutes per session")]
    public int? MinutesPerSession { get; set; }

    [Display(Name = "Individual or group")]
    [Needed(ErrorMessage = "Choose individual or group")]
    public string? Delivery { get; set; }

    [Display(Name = "Who delivers it")]
    [Needed]
    [SchoolText(EhcpRules.DeliveredByMaxLength)]
    public string? DeliveredBy { get; set; }

    /// <summary>
    /// The details, or the field errors for choices that are not on the form's lists. Choices are
    /// read by name here, not by model binding, which would accept "7" for an enum and describe a
    /// value it cannot read without naming the field.
    /// </summary>
    public Result<ProvisionDetails> ToDetails()
    {
        var errors = new List<FieldError>();
        var discipline = EhcpInput.ParseDiscipline(Discipline);
        if (discipline is null)
        {
            errors.Add(new(nameof(Discipline), "Choose a discipline from the list"));
        }

        var frequency = EhcpInput.ParseChoice<ProvisionFrequency>(Frequency);
        if (frequency is null)
        {
            errors.Add(new(nameof(Frequency), "Choose how often: per week or per half term"));
        }

        var delivery = EhcpInput.ParseChoice<ProvisionDelivery>(Delivery);
        if (delivery is null)
        {
            errors.Add(new(nameof(Delivery), "Choose individual or group"));
        }

        return errors.Count > 0
            ? new Error.Validation(errors)
            : new ProvisionDetails(discipline!.Value, Sessions!.Value, frequency!.Value, MinutesPerSession!.Value, delivery!.Value, DeliveredBy);
    }

    public static ProvisionInput From(ProvisionItem item) => new()
    {
        Discipline = item.Discipline.ToString(),
        Sessions = item.Sessions,
        Frequency = item.Frequency.ToString(),
        MinutesPerSession = item.MinutesPerSession,
        Delivery = item.Delivery.ToString(),
        DeliveredBy = item.DeliveredBy,
    };
}

/// <summary>What the shared provision fields need: the input, and where the form goes back to.</summary>
public sealed record ProvisionFormFields(ProvisionInput Input);
