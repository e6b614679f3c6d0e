using System.ComponentModel.DataAnnotations;
using SecureBase.Common;
using SecureBase.Staff;

namespace SecureBase.Referrals;

/// <summary>A referral as typed into one of the four forms or sent to the API.</summary>
public sealed class ReferralInput
{
    /// <summary>Generated when the form is shown; a second submission of the same form is recognised.</summary>
    public Guid SubmissionKey { get; set; }

    [Display(Name = "Pupil")]
    public PupilId? PupilId { get; set; }

    [Display(Name = "Therapy asked for")]
    public Discipline? RequestedDiscipline { get; set; }

    [Display(Name = "Reasons")]
    public List<ReferralReason> Reasons { get; set; } = [];

    [Display(Name = "Other reason")]
    [SchoolText(200)]
    public string? OtherReason { get; set; }

    [Display(Name = "What you have noticed")]
    [SchoolText(4000, MultiLine = true)]
    public string? Details { get; set; }

    [Display(Name = "What has been tried already")]
    [SchoolText(2000, MultiLine = true)]
    public string? WhatHasBeenTried { get; set; }

    [Display(Name = "How urgent")]
    public ReferralUrgency Urgency { get; set; } = ReferralUrgency.Routine;

    [Display(Name = "Consent")]
    public bool ConsentGiven { get; set; }

    [Display(Name = "Safeguarding worry")]
    public bool SafeguardingWorry { get; set; }

    /// <summary>The worry in the referrer's words: kept apart from the referral, for the DSL alone.</summary>
    [Display(Name = "What worries you about their safety")]
    [SchoolText(4000, MultiLine = true)]
    public string? SafeguardingDetails { get; set; }

    /// <summary>The local authority refers by UPN: it is never shown which pupils attend the school.</summary>
    [Display(Name = "UPN")]
    [SchoolText(20)]
    public string? Upn { get; set; }

    /// <summary>For a local authority referral entered by the school office: who at the authority made it.</summary>
    [Display(Name = "Referred by (local authority)")]
    [SchoolText(200)]
    public string? LocalAuthorityReferrer { get; set; }

    /// <summary>For a referral sent by a local authority's system (an API client): the organisation the referrer works for.</summary>
    [Display(Name = "Referrer's organisation")]
    [SchoolText(200)]
    public string? ReferrerOrganisation { get; set; }
}

/// <summary>Reasons as the forms name them.</summary>
public static class ReferralReasons
{
    public static IReadOnlyList<ReferralReason> All { get; } = Enum.GetValues<ReferralReason>().Where(r => r != ReferralReason.None).ToList();

    public static string Name(ReferralReason r) => r switch
    {
        ReferralReason.AttitudeToLearning => "A change in attitude to learning",
        ReferralReason.HomeCircumstances => "A change in home circumstances",
        ReferralReason.Puberty => "Puberty",
        ReferralReason.EhcpRequirement => "Required by their EHCP",
        ReferralReason.EmotionalWellbeing => "Emotional wellbeing",
        ReferralReason.Communication => "Speech, language or communication",
        ReferralReason.SensoryOrMotor => "Sensory or motor needs",
        ReferralReason.Other => "Something else",
        _ => r.ToString(),
    };

    /// <summary>The same reasons in a child's words, for the pupil's own form.</summary>
    public static string ForPupil(ReferralReason r) => r switch
    {
        ReferralReason.EmotionalWellbeing => "I feel worried, sad or angry a lot",
        ReferralReason.HomeCircumstances => "Things at home have changed",
        ReferralReason.AttitudeToLearning => "I find it hard to learn or be in class",
        ReferralReason.Communication => "I find it hard to talk or be understood",
        ReferralReason.SensoryOrMotor => "Noise, touch or moving feels hard",
        ReferralReason.Puberty => "My body is changing and it is hard",
        ReferralReason.Other => "Something else",
        _ => Name(r),
    };

    public static string Describe(ReferralReason reasons, string? other) =>
        string.Join("; ", All.Where(r => reasons.HasFlag(r)).Select(r => r == ReferralReason.Other && !string.IsNullOrWhiteSpace(other) ? $"Other: {other}" : Name(r)));

    public static string Source(ReferralSource s) => s switch
    {
        ReferralSource.EducationStaff => "Education staff",
        ReferralSource.ParentCarer => "Parent or carer",
        ReferralSource.Pupil => "The pupil",
        ReferralSource.LocalAuthority => "Local authority",
        ReferralSource.TherapyTeam => "Therapy team",
    };

    public static string Urgency(ReferralUrgency u) => u switch
    {
        ReferralUrgency.Routine => "Routine",
        ReferralUrgency.Soon => "Soon",
        ReferralUrgency.Urgent => "Urgent",
    };
}
