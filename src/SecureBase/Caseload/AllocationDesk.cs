using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Rooms;
using SecureBase.Scheduling.Allocation;
using SecureBase.Staff;

namespace SecureBase.Caseload;

public sealed class AllocationInputForm
{
    public int Version { get; set; }

    [Display(Name = "Therapist")]
    public StaffId? StaffId { get; set; }

    [Display(Name = "Why this therapist")]
    [Needed]
    [SchoolText(1000, MultiLine = true)]
    public string? Reason { get; set; }

    [Display(Name = "Start date")]
    [Needed]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Tell the parents")]
    public bool TellParents { get; set; }
}

/// <summary>What the allocation page shows for one waiting pupil.</summary>
public sealed record AllocationView(Referral Referral, string PupilName, PupilProposal? Proposal, IReadOnlyDictionary<string, string> SlotLabels)
{
    /// <summary>Practitioners whose registration has lapsed (issue 13): shown as "may not practise", never offered.</summary>
    public IReadOnlyList<(string Name, DateOnly LapsedOn)> Lapsed { get; init; } = [];
}

/// <summary>
/// Allocation to the most appropriate therapist "depending on the individual's needs and availability
/// of therapists" (West Heath). The school's data is turned into the solver's model: weekly slots
/// are the teaching periods of the lesson timetable, practitioners work the slots their working
/// pattern covers at the site they are at that day, and rooms are the school's rooms with their
/// features. The solver ranks and jointly assigns the whole waiting list exactly; the team decides.
/// </summary>
public sealed class AllocationDesk(SecureBaseDb db, WaitingList waiting, CurrentUser me, AuditLog audit, TimeProvider clock, Schools.SchoolClock schoolClock, ReferralAlerts alerts, ReferralDecisions decisions,
    Development.IPractitionerStanding standing)
{
    /// <summary>Rooms a discipline needs, where it needs something special (a sand tray for play therapy, a sink for art).</summary>
    public static IReadOnlyList<string> FeaturesFor(Discipline d) => d switch
    {
        Discipline.PlayTherapy => [RoomFeatures.Id(RoomFeature.SandTray)],
        Discipline.ArtTherapy => [RoomFeatures.Id(RoomFeature.Sink)],
        _ => [],
    };

    public async Task<AllocationView?> ProposeAsync(ReferralId referralId, CancellationToken ct = default)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null)
        {
            return null;
        }

        var name = await db.Pupils.NameOfAsync(referral.PupilId, ct);
        if (referral.Status != ReferralStatus.Accepted)
        {
            return new AllocationView(referral, name, null, new Dictionary<string, string>());
        }

        var (input, labels) = await BuildInputAsync(ct);
        var proposal = AllocationProposer.Propose(input);
        var lapsed = await standing.LapsedAsync(schoolClock.Today, ct);
        var lapsedNames = lapsed.Count == 0 ? [] : (await db.StaffMembers.AsNoTracking().Where(s => lapsed.Keys.Contains(s.Id) && s.LeftOn == null).ToListAsync(ct))
            .Select(s => (s.DisplayName, lapsed[s.Id])).OrderBy(x => x.DisplayName, StringComparer.CurrentCulture).ToList();
        return new AllocationView(referral, name, proposal.Pupils.FirstOrDefault(p => p.PupilId == referral.Id.ToString()), labels) { Lapsed = lapsedNames };
    }

    public async Task<Result<Episode>> AllocateAsync(ReferralId referralId, AllocationInputForm form, CancellationToken ct = default)
    {
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null)
        {
            return new Error.NotFound("That referral was not found.");
        }

        if (referral.Version != form.Version)
        {
            return new Error.Conflict($"This referral changed while you were looking at it (it is now {Referral.StatusWords(referral.Status)}); nothing was changed.");
        }

        if (form.StaffId is not { } staffId)
        {
            return new Error.Validation(nameof(form.StaffId), "Choose the therapist");
        }

        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId && s.LeftOn == null, ct);
        if (staff is null)
        {
            return new Error.Validation(nameof(form.StaffId), "Choose a therapist from the list");
        }

        if ((await standing.LapsedAsync(schoolClock.Today, ct)).TryGetValue(staffId, out var lapsedOn))
        {
            return new Error.Validation(nameof(form.StaffId), $"{staff.DisplayName}'s registration lapsed on {lapsedOn:d MMMM yyyy}: they may not practise until it is renewed, so nobody can be allocated to them");
        }

        if (form.StartDate is not { } start)
        {
            return new Error.Validation(nameof(form.StartDate), "Choose a start date from a week ago to three months ahead");
        }

        var needed = referral.Discipline!.Value;
        var opening = new EpisodeOpening(
            staff,
            await db.Episodes.CountAsync(e => e.StaffId == staffId && e.Status == EpisodeStatus.Open, ct),
            await db.Episodes.AnyAsync(e => e.PupilId == referral.PupilId && e.Discipline == needed && e.Status == EpisodeStatus.Open, ct),
            schoolClock.Today);
        var opened = Episode.Open(db.CurrentSchoolId, referral.PupilId, needed, start, opening, referral.Id);
        if (!opened.IsSuccess)
        {
            return opened.Error!;
        }

        var episode = opened.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var allocated = referral.Allocate(episode.Id, me.UserId, now);
        if (!allocated.IsSuccess)
        {
            return allocated.Error!;
        }

        db.Episodes.Add(episode);
        audit.Record(ReferralAuditActions.Allocated, "Referral", referral.Id.ToString(), reason: TextRules.Tidy(form.Reason), detail: $"to staff {staffId}");
        await alerts.AllocatedAsync(referral, staff, form.TellParents, ct);
        var saved = await decisions.SaveAsync(referral, ct);
        return saved.IsSuccess ? episode : saved.Error!;
    }

    /// <summary>An open episode the user may end as "not ready": any in the school for the Head of Therapy, their own for a therapist.</summary>
    public async Task<(Episode Episode, string Pupil)?> FindOpenEpisodeAsync(EpisodeId episodeId, CancellationToken ct = default)
    {
        var scope = me.ScopeFor(SchoolAction.DeclareNotReady);
        var episode = await db.Episodes.SingleOrDefaultAsync(e => e.Id == episodeId && e.Status == EpisodeStatus.Open, ct);
        if (episode is null || (!scope.HasFlag(Scope.School) && episode.StaffId != me.StaffId))
        {
            return null;
        }

        var name = await db.Pupils.NameOfAsync(episode.PupilId, ct);
        return (episode, name);
    }

    /// <summary>
    /// A therapist's clinical judgement that a pupil is not ready to engage in therapy (West Heath:
    /// "therapists reserve the right to make a clinical judgement as to whether a student is ready"):
    /// the episode ends and the pupil returns to the waiting list, keeping their place, with the note.
    /// The value is the pupil's name.
    /// </summary>
    public async Task<Result<string>> DeclareNotReadyAsync(EpisodeId episodeId, string? note, CancellationToken ct = default)
    {
        var text = TextRules.Tidy(note);
        if (string.IsNullOrEmpty(text))
        {
            return new Error.Validation("Note", "Enter why the pupil is not ready");
        }

        if (await FindOpenEpisodeAsync(episodeId, ct) is not var (episode, pupil))
        {
            return new Error.NotFound("That pupil is not on your caseload, or their therapy has already ended.");
        }

        // Judged at the first meeting, before the planned start: the episode never ran, so it ends on its start date.
        var today = schoolClock.Today;
        var closed = episode.Close(today < episode.StartDate ? episode.StartDate : today, DischargeReason.NotReady, text);
        if (!closed.IsSuccess)
        {
            return closed.Error!;
        }

        if (episode.ReferralId is { } rid && await db.Referrals.SingleOrDefaultAsync(r => r.Id == rid, ct) is { } referral)
        {
            var back = referral.ReturnToWaitingList($"Not ready for therapy: {text}", me.UserId, clock.GetUtcNow().UtcDateTime);
            if (!back.IsSuccess)
            {
                return back.Error!;
            }
        }

        audit.Record(ReferralAuditActions.NotReady, "Episode", episode.Id.ToString());
        var saved = await decisions.SaveAsync(null, ct);
        return saved.IsSuccess ? pupil : saved.Error!;
    }

    private async Task<(AllocationInput Input, Dictionary<string, string> Labels)> BuildInputAsync(CancellationToken ct)
    {
        // Weekly slots: the lesson timetable's teaching periods, Monday to Friday; a school without one gets six a day.
        var periods = (await db.LessonPeriods.AsNoTracking().Where(p => p.IsTeaching).ToListAsync(ct)).OrderBy(p => p.Start).ToList();
        var slots = new List<(string Id, DayOfWeek Day, TimeOnly Start, TimeOnly End, string Label)>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            var todays = periods.Where(p => p.IsOn(day)).ToList();
            if (todays.Count == 0 && periods.Count == 0)
            {
                for (var i = 0; i < 6; i++)
                {
                    var s = new TimeOnly(9, 0).AddMinutes(i * 60);
                    slots.Add(($"{day}-{i + 1}", day, s, s.AddMinutes(50), $"{day.ToString()[..3]} {s:HH\\:mm}"));
                }
            }

            slots.AddRange(todays.Select((p, i) => ($"{day}-{i + 1}", day, p.Start, p.End, $"{day.ToString()[..3]} {p.Start:HH\\:mm}")));
        }

        slots = slots.Take(AllocationInput.MaxSlots).ToList();
        var allSlotIds = slots.Select(s => s.Id).ToList();

        var lapsed = await standing.LapsedAsync(schoolClock.Today, ct);
        var staff = (await db.StaffMembers.AsNoTracking().Where(s => s.Discipline != null && s.LeftOn == null).ToListAsync(ct)).Where(s => !lapsed.ContainsKey(s.Id)).ToList();
        var caseloads = await db.Episodes.Where(e => e.Status == EpisodeStatus.Open).GroupBy(e => e.StaffId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var practitioners = staff.Select(s => new AllocationPractitioner(
            s.Id.ToString(), s.DisplayName, [s.Discipline!.Value.ToString()], s.CaseloadCapacity ?? 0, caseloads.GetValueOrDefault(s.Id),
            slots.SelectMany(slot => s.WorkingPattern.Where(b => b.Day == slot.Day && b.Start <= slot.Start && b.End >= slot.End).Take(1)
                .Select(b => new WorkingSlot(slot.Id, b.SiteId.ToString()))).ToList())).ToList();

        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => s.Id).ToListAsync(ct);
        var mainSite = sites.FirstOrDefault().ToString();
        var pupilSites = await db.Pupils.AsNoTracking().Where(p => p.LeftOn == null).Select(p => new { p.Id, p.SiteId }).ToDictionaryAsync(p => p.Id, p => p.SiteId, ct);
        // Protected lessons and room bookings arrive with the timetable; until then every slot is free.
        var pupils = (await waiting.ListAsync(ct: ct)).Select(w => new WaitingPupil(
            w.ReferralId.ToString(), w.PupilName, w.Discipline.ToString(), Math.Clamp(w.Priority, 1, 4), Math.Clamp(w.WeeksWaited, 0, AllocationInput.MaxWeeksWaited),
            allSlotIds, pupilSites.GetValueOrDefault(w.PupilId)?.ToString() ?? mainSite, FeaturesFor(w.Discipline))).ToList();
        var rooms = (await db.Rooms.AsNoTracking().ToListAsync(ct))
            .Select(r => new AllocationRoom(r.Id.ToString(), r.SiteId.ToString(), r.Features.Select(RoomFeatures.Id).ToList(), allSlotIds)).ToList();
        var labels = slots.ToDictionary(s => s.Id, s => s.Label);
        return (new AllocationInput(slots.Select(s => new WeeklySlot(s.Id, s.Day, s.Label)).ToList(), practitioners, pupils, rooms), labels);
    }
}
