using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Referrals;

[TypeConverter(typeof(EntityIdTypeConverter<ReferralId>))]
public readonly record struct ReferralId(Guid Value) : IEntityId<ReferralId>, IParsable<ReferralId>
{
    public static ReferralId New() => new(Guid.CreateVersion7());
    public static ReferralId From(Guid value) => new(value);
    public static ReferralId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ReferralId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>Who made a referral (Westbourne: "the Local Authority, parents/carers, education staff or the pupils themselves").</summary>
public enum ReferralSource
{
    EducationStaff,
    ParentCarer,
    Pupil,
    LocalAuthority,
    TherapyTeam,
}

/// <summary>Why a pupil is referred.</summary>
[Flags]
public enum ReferralReason
{
    None = 0,
    AttitudeToLearning = 1,
    HomeCircumstances = 2,
    Puberty = 4,
    EhcpRequirement = 8,
    EmotionalWellbeing = 16,
    Communication = 32,
    SensoryOrMotor = 64,
    Other = 128,
}

public enum ReferralUrgency
{
    Routine,
    Soon,
    Urgent,
}

/// <summary>Where a referral stands. All referrals go to the Head of Therapy (West Heath).</summary>
public enum ReferralStatus
{
    Received,
    UnderReview,

    /// <summary>Accepted onto the waiting list.</summary>
    Accepted,

    /// <summary>Sent to a better place (e.g. CAMHS: the team "is not a substitute for CAMHS").</summary>
    Redirected,

    /// <summary>Declined, with a reason the referrer is told.</summary>
    Declined,

    /// <summary>A therapist has been allocated: an episode of therapy has begun.</summary>
    Allocated,

    Closed,
}

/// <summary>
/// A referral for therapy: who asked, for which pupil, why, how urgently, with what consent, and
/// what the Head of Therapy decided. Each decision is a method that refuses to run twice (a second
/// click, or two people at once) and records who decided and when.
/// </summary>
public sealed class Referral : RaisesEvents, ISchoolOwned
{
    private Referral()
    {
    }

    public ReferralId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }
    public ReferralSource Source { get; private set; }

    /// <summary>The account that made the referral (null when an administrator entered it for the local authority).</summary>
    public Guid? ReferrerUserId { get; private set; }

    /// <summary>The referrer's name as they should be addressed ("Mr Asante", "Riverside Borough Council virtual school").</summary>
    public string ReferrerName { get; private set; } = "";

    /// <summary>The discipline the referrer asks for, if they know; the Head of Therapy decides.</summary>
    public Discipline? RequestedDiscipline { get; private set; }

    public ReferralReason Reasons { get; private set; }
    public string? OtherReason { get; private set; }
    public string Details { get; private set; } = "";
    public string? WhatHasBeenTried { get; private set; }
    public ReferralUrgency Urgency { get; private set; }

    /// <summary>Whether the person with parental responsibility (or a competent pupil) agrees to the referral.</summary>
    public bool ConsentGiven { get; private set; }

    /// <summary>The referrer is worried about the pupil's safety: the DSL is told at once.</summary>
    public bool SafeguardingWorry { get; private set; }

    /// <summary>
    /// The worry in the referrer's words, on referrals made before safeguarding concerns existed: only the
    /// DSL and deputies read it (<see cref="Identity.ConfidentialField.SafeguardingDetails"/>). A referral
    /// made since keeps only that a worry was passed to the DSL: the words go into a safeguarding concern
    /// (<see cref="SafeguardingWorryPassedOn"/>) and this stays empty.
    /// </summary>
    public string? SafeguardingDetails { get; private set; }

    /// <summary>
    /// When the school asked the pupil's parents (those with parental responsibility and an
    /// unrestricted link) for consent. Asking tells the parents of the referral: from then on it is
    /// shown on their page about their child, as the referrals they made themselves are.
    /// </summary>
    public DateTime? ConsentRequestedAt { get; private set; }

    /// <summary>A parent's answer to the school's request, given from their own page.</summary>
    public ConsentAnswer? ConsentAnswer { get; private set; }

    public DateTime? ConsentAnsweredAt { get; private set; }

    /// <summary>The parent's account that answered.</summary>
    public Guid? ConsentAnsweredBy { get; private set; }

    public DateTime ReceivedAt { get; private set; }
    public ReferralStatus Status { get; private set; }

    /// <summary>The discipline the team decided on when accepting.</summary>
    public Discipline? Discipline { get; private set; }

    /// <summary>1 most urgent … 4 routine, set at triage or the half-termly review.</summary>
    public int? Priority { get; private set; }

    public string? RedirectedTo { get; private set; }

    /// <summary>What the referrer is told: the reason for a decline, or a note with a redirection.</summary>
    public string? MessageToReferrer { get; private set; }

    public string? DecisionNote { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }

    /// <summary>An earlier referral still open for the same pupil and discipline.</summary>
    public ReferralId? PossibleDuplicateOf { get; private set; }

    /// <summary>The episode that ended in disengagement, when this is the re-referral West Heath asks for.</summary>
    public EpisodeId? PreviousEpisodeId { get; private set; }

    public EpisodeId? EpisodeId { get; private set; }

    /// <summary>Set by the form when it is first shown: a second submission of the same form finds this referral instead of making another.</summary>
    public Guid SubmissionKey { get; private set; }

    /// <summary>Changes on every decision; two people deciding at once cannot both succeed.</summary>
    public int Version { get; private set; }

    public bool IsOpen => Status is ReferralStatus.Received or ReferralStatus.UnderReview or ReferralStatus.Accepted;

    public static Referral Receive(SchoolId school, PupilId pupil, NewReferral r, DateTime now)
    {
        var referral = Receiving(school, pupil, r, now);
        if (referral.SafeguardingWorry)
        {
            // The worry becomes a safeguarding concern raised at this moment (Safeguarding handles it); the referral keeps only the tick.
            referral.Raise(new SafeguardingWorryPassedOn(referral.Id, school, pupil, r.ReferrerUserId, r.ReferrerName, r.SafeguardingDetails, r.SubmissionKey, now));
        }

        return referral;
    }

    private static Referral Receiving(SchoolId school, PupilId pupil, NewReferral r, DateTime now) => new()
    {
        Id = ReferralId.New(),
        SchoolId = school,
        PupilId = pupil,
        Source = r.Source,
        ReferrerUserId = r.ReferrerUserId,
        ReferrerName = r.ReferrerName,
        RequestedDiscipline = r.RequestedDiscipline,
        Reasons = r.Reasons,
        OtherReason = r.OtherReason,
        Details = r.Details,
        WhatHasBeenTried = r.WhatHasBeenTried,
        Urgency = r.Urgency,
        ConsentGiven = r.ConsentGiven,
        SafeguardingWorry = r.SafeguardingWorry || r.SafeguardingDetails is not null,
        SafeguardingDetails = null,
        SubmissionKey = r.SubmissionKey,
        ReceivedAt = now,
        Status = ReferralStatus.Received,
    };

    public void FlagPossibleDuplicate(ReferralId earlier) => PossibleDuplicateOf = earlier;

    public void LinkPreviousEpisode(EpisodeId episodeId) => PreviousEpisodeId = episodeId;

    public Outcome StartReview(Guid by, DateTime now)
    {
        if (Status != ReferralStatus.Received)
        {
            return AlreadyDecided();
        }

        Status = ReferralStatus.UnderReview;
        Touch(by, now);
        return Outcome.Ok;
    }

    /// <summary>Accepts the referral onto the waiting list; the caller has checked the pupil is not already waiting or in therapy for the discipline.</summary>
    public Outcome Accept(Discipline discipline, int priority, string? note, Guid by, DateTime now)
    {
        if (Status is not (ReferralStatus.Received or ReferralStatus.UnderReview))
        {
            return AlreadyDecided();
        }

        if (priority is < 1 or > 4)
        {
            return new Error.Validation("Priority", "Choose a priority from 1 (most urgent) to 4 (routine)");
        }

        Status = ReferralStatus.Accepted;
        Discipline = discipline;
        Priority = priority;
        DecisionNote = note;
        AcceptedAt = now;
        Touch(by, now);
        return Outcome.Ok;
    }

    public Outcome Redirect(string organisation, string? messageToReferrer, Guid by, DateTime now)
    {
        if (Status is not (ReferralStatus.Received or ReferralStatus.UnderReview))
        {
            return AlreadyDecided();
        }

        Status = ReferralStatus.Redirected;
        RedirectedTo = organisation;
        MessageToReferrer = messageToReferrer;
        Touch(by, now);
        return Outcome.Ok;
    }

    public Outcome Decline(string reasonForReferrer, Guid by, DateTime now)
    {
        if (Status is not (ReferralStatus.Received or ReferralStatus.UnderReview))
        {
            return AlreadyDecided();
        }

        Status = ReferralStatus.Declined;
        MessageToReferrer = reasonForReferrer;
        Touch(by, now);
        return Outcome.Ok;
    }

    /// <summary>Sets the priority again, e.g. at the half-termly review, while the pupil is still waiting.</summary>
    public Outcome Reprioritise(int priority, Guid by, DateTime now)
    {
        if (!IsOpen)
        {
            return new Error.Conflict($"This referral is {StatusWords(Status)}; its priority can no longer change.");
        }

        if (priority is < 1 or > 4)
        {
            return new Error.Validation("Priority", "Choose a priority from 1 (most urgent) to 4 (routine)");
        }

        Priority = priority;
        Touch(by, now);
        return Outcome.Ok;
    }

    public Outcome Allocate(EpisodeId episodeId, Guid by, DateTime now)
    {
        if (Status != ReferralStatus.Accepted)
        {
            return Status is ReferralStatus.Received or ReferralStatus.UnderReview
                ? new Error.Conflict("Accept the referral onto the waiting list before allocating a therapist.")
                : AlreadyDecided();
        }

        Status = ReferralStatus.Allocated;
        EpisodeId = episodeId;
        Touch(by, now);
        return Outcome.Ok;
    }

    /// <summary>The therapist judged the pupil not ready for therapy: back to the waiting list, keeping their place.</summary>
    public Outcome ReturnToWaitingList(string note, Guid by, DateTime now)
    {
        if (Status != ReferralStatus.Allocated)
        {
            return new Error.Conflict($"This referral is {StatusWords(Status)}, not allocated, so it cannot go back to the waiting list.");
        }

        Status = ReferralStatus.Accepted;
        EpisodeId = null;
        DecisionNote = note;
        Touch(by, now);
        return Outcome.Ok;
    }

    public Outcome Close(string note, Guid by, DateTime now)
    {
        if (Status is ReferralStatus.Closed or ReferralStatus.Declined or ReferralStatus.Redirected)
        {
            return AlreadyDecided();
        }

        Status = ReferralStatus.Closed;
        DecisionNote = note;
        Touch(by, now);
        return Outcome.Ok;
    }

    /// <summary>
    /// The therapy team asks the pupil's parents whether they agree to the referral. A referral a
    /// parent made needs no asking (making it is their consent); a decided referral is past asking.
    /// </summary>
    public Outcome AskParentsForConsent(DateTime now)
    {
        if (Source == ReferralSource.ParentCarer)
        {
            return new Error.Conflict("A parent made this referral, so their consent is already given.");
        }

        if (!IsOpen && Status != ReferralStatus.Allocated)
        {
            return new Error.Conflict($"This referral is {StatusWords(Status)}; there is nothing to ask the parents about now.");
        }

        if (ConsentRequestedAt is not null)
        {
            return new Error.Conflict($"The parents were already asked for consent on {ConsentRequestedAt:d MMMM yyyy}.");
        }

        ConsentRequestedAt = now;
        return Outcome.Ok;
    }

    /// <summary>
    /// A parent gives or refuses consent after the school asked them. They may change their mind
    /// (withdraw it, or give it after refusing) while the referral is still in the team's hands.
    /// </summary>
    public Outcome AnswerConsent(ConsentAnswer answer, Guid parentUserId, DateTime now)
    {
        if (!Enum.IsDefined(answer))
        {
            return new Error.Validation("Answer", "Choose whether you give your consent");
        }

        if (ConsentRequestedAt is null)
        {
            return new Error.Conflict("The school has not asked you for consent for this referral.");
        }

        if (!IsOpen && Status != ReferralStatus.Allocated)
        {
            return new Error.Conflict($"This referral is {StatusWords(Status)}, so your consent is no longer needed.");
        }

        ConsentAnswer = answer;
        ConsentAnsweredAt = now;
        ConsentAnsweredBy = parentUserId;
        ConsentGiven = answer == Referrals.ConsentAnswer.Given;
        return Outcome.Ok;
    }

    /// <summary>The status for a label or a table cell: "Received", "On the waiting list".</summary>
    public static string StatusLabel(ReferralStatus s) => Web.PlainWords.Capitalised(StatusWords(s));

    /// <summary>Where a referral stands, told to a parent in plain words.</summary>
    public static string StatusForParent(ReferralStatus s) => s switch
    {
        ReferralStatus.Received => "Received: the therapy team will look at it soon",
        ReferralStatus.UnderReview => "The therapy team is looking at it",
        ReferralStatus.Accepted => "On the waiting list for therapy",
        ReferralStatus.Redirected => "Passed on to another service",
        ReferralStatus.Declined => "Not taken on by the therapy team",
        ReferralStatus.Allocated => "A therapist is working with your child",
        ReferralStatus.Closed => "Closed",
    };

    public static string StatusWords(ReferralStatus s) => s switch
    {
        ReferralStatus.Received => "received",
        ReferralStatus.UnderReview => "under review",
        ReferralStatus.Accepted => "on the waiting list",
        ReferralStatus.Redirected => "redirected",
        ReferralStatus.Declined => "declined",
        ReferralStatus.Allocated => "allocated to a therapist",
        ReferralStatus.Closed => "closed",
    };

    private Error.Conflict AlreadyDecided() =>
        new($"This referral is already {StatusWords(Status)}{(DecidedAt is { } at ? $" (decided {at:d MMM yyyy HH:mm} UTC)" : "")}; nothing was changed.");

    private void Touch(Guid by, DateTime now)
    {
        DecidedBy = by;
        DecidedAt = now;
        Version++;
    }
}

/// <summary>A parent's answer when the school asks for their consent to a referral.</summary>
public enum ConsentAnswer
{
    Given,
    Refused,
}

/// <summary>What a referrer tells us.</summary>
public sealed record NewReferral(
    ReferralSource Source,
    Guid? ReferrerUserId,
    string ReferrerName,
    Discipline? RequestedDiscipline,
    ReferralReason Reasons,
    string? OtherReason,
    string Details,
    string? WhatHasBeenTried,
    ReferralUrgency Urgency,
    bool ConsentGiven,
    bool SafeguardingWorry,
    Guid SubmissionKey,
    string? SafeguardingDetails = null);

/// <summary>
/// A referral was made with a safeguarding worry: the worry (in the referrer's words, or none) is passed
/// to the DSL as a safeguarding concern, raised at this moment; the referral keeps only that it was passed on.
/// </summary>
public sealed record SafeguardingWorryPassedOn(ReferralId ReferralId, SchoolId SchoolId, PupilId PupilId, Guid? ReferrerUserId, string ReferrerName,
    string? Details, Guid SubmissionKey, DateTime At) : ISchoolEvent;
