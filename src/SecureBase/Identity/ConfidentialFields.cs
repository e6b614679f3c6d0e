namespace SecureBase.Identity;

/// <summary>A piece of a record that only some roles may see, whatever page or API shows the record.</summary>
public enum ConfidentialField
{
    /// <summary>A safeguarding worry in the words of the person who raised it.</summary>
    SafeguardingDetails,

    /// <summary>Why a pupil was referred: the reasons, what was noticed, what has been tried.</summary>
    ReferralContent,

    /// <summary>The provision of an EHCP: what is specified, how often, by whom.</summary>
    EhcpDetail,

    /// <summary>Which therapy a pupil is in, and with whom (caseload information).</summary>
    TherapyDiscipline,

    /// <summary>Parents' and carers' contact details and the links between them and a child.</summary>
    CarerContacts,

    /// <summary>The text of a confidential session, group or progress note (Sessions/Notes).</summary>
    SessionNote,

    /// <summary>The 12-week cycle's records on an episode: the situation analysis and the SMART goals.</summary>
    CycleRecords,

    /// <summary>What was tried to engage a pupil who keeps refusing sessions (the disengagement rule).</summary>
    EngagementStrategies,

    /// <summary>A classroom strategy the practitioner shared with the pupil's teachers.</summary>
    SharedClassroomStrategy,

    /// <summary>A classroom strategy the practitioner kept to the therapy team.</summary>
    UnsharedClassroomStrategy,

    /// <summary>A safeguarding concern's text: what was seen or said, who was present, the immediate action, addenda, actions and outcome.</summary>
    SafeguardingConcern,
    /// <summary>A report's summary and recommendations, written by the practitioner for its audience (issue 12).</summary>
    ReportContent,
}

/// <summary>A confidential field, what it is, and the action of the policy table whose scope decides who sees it.</summary>
public sealed record FieldRule(ConfidentialField Field, string Name, string WhatItIs, SchoolAction ReadWith);

/// <summary>
/// The fields of records that are confidential beyond the record itself, kept as data beside the
/// policy table: a page or endpoint that shows a record shows each of these fields only to a user
/// whose scope for <see cref="FieldRule.ReadWith"/> reaches the record. The field-level tests are
/// generated from this list; docs/policy-table.md shows it per role.
/// </summary>
public static class ConfidentialFields
{
    public static IReadOnlyList<FieldRule> All { get; } =
    [
        new(ConfidentialField.SafeguardingDetails, "Safeguarding details", "a worry about a child's safety, in the words of whoever raised it", SchoolAction.ViewSafeguardingDetails),
        new(ConfidentialField.ReferralContent, "Referral reasons", "why a pupil was referred, what was noticed and what has been tried", SchoolAction.ViewReferrals),
        new(ConfidentialField.EhcpDetail, "EHCP detail", "the provision an EHCP specifies and what has been delivered", SchoolAction.ViewEhcp),
        new(ConfidentialField.TherapyDiscipline, "Therapy discipline", "which therapy a pupil is in and with whom", SchoolAction.ViewCaseload),
        new(ConfidentialField.CarerContacts, "Parents' contacts", "parents' and carers' names, contact details and links", SchoolAction.ViewCarers),
        new(ConfidentialField.SessionNote, "Session notes", "what a practitioner wrote about a session or a pupil's progress", SchoolAction.ViewSessionNotes),
        new(ConfidentialField.CycleRecords, "Cycle records", "the situation analysis and SMART goals of an episode's 12-week cycle", SchoolAction.ViewEpisode),
        new(ConfidentialField.EngagementStrategies, "Strategies tried to engage", "what was tried to engage a pupil who keeps refusing sessions", SchoolAction.RecordEngagementEfforts),
        new(ConfidentialField.SharedClassroomStrategy, "Shared classroom strategies", "what a practitioner suggests teachers do in class, shared with the pupil's teachers", SchoolAction.ViewClassroomStrategies),
        new(ConfidentialField.UnsharedClassroomStrategy, "Unshared classroom strategies", "classroom strategies the practitioner kept to the therapy team", SchoolAction.ManageClassroomStrategies),
        new(ConfidentialField.SafeguardingConcern, "Safeguarding concerns", "what was seen or said about a child's safety, the addenda, the DSL's actions and outcome (also the person the DSL shares it with: that concern only)", SchoolAction.ViewConcerns),
        new(ConfidentialField.ReportContent, "Report summaries", "what a practitioner wrote in a report for its audience (approved reports, to those it is shared with)", SchoolAction.ViewReport),
    ];

    public static FieldRule Of(ConfidentialField field) => All.First(f => f.Field == field);

    /// <summary>The records whose field the roles may see (<see cref="Scope.None"/>: never).</summary>
    public static Scope ScopeFor(IEnumerable<Role> roles, ConfidentialField field) => PolicyTable.ScopeFor(roles, Of(field).ReadWith);
}
