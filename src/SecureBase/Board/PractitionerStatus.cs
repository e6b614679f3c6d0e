using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Board;

/// <summary>What a practitioner is doing, as the board and a pupil's view say it.</summary>
public enum Presence
{
    InSession,
    FreeForDropIn,
    InMeeting,
    AtLunch,
    OffSite,
    NotInToday,
}

internal static class Presences
{
    /// <summary>How staff read a status on the board.</summary>
    public static string Name(Presence p) => p switch
    {
        Presence.InSession => "In a session",
        Presence.FreeForDropIn => "Free for drop-in",
        Presence.InMeeting => "In a meeting",
        Presence.AtLunch => "At lunch",
        Presence.OffSite => "Off site",
        Presence.NotInToday => "Not in today",
    };

    /// <summary>The statuses a practitioner can choose themself, in the order the buttons show them.</summary>
    public static IReadOnlyList<Presence> Choosable { get; } =
        [Presence.FreeForDropIn, Presence.InSession, Presence.InMeeting, Presence.AtLunch, Presence.OffSite, Presence.NotInToday];
}

/// <summary>
/// The status a practitioner set themself ("at lunch, back at 13:00"). It holds for the school day it
/// was set on and lapses at the end of that day, so nobody shows "off site" the next morning because
/// they forgot to change it. One row per practitioner, kept in the database so every instance of the
/// application shows the same board.
/// </summary>
public sealed class PractitionerStatus : ISchoolOwned
{
    private PractitionerStatus()
    {
    }

    public StaffId StaffId { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public Presence Presence { get; private set; }

    /// <summary>When they expect to be back (school time), if they said.</summary>
    public TimeOnly? BackAt { get; private set; }

    /// <summary>The school day the status was set for.</summary>
    public DateOnly Day { get; private set; }

    /// <summary>The end of that school day (school time): the status lapses then (at midnight if it was set after the day ended).</summary>
    public TimeOnly Until { get; private set; }

    public DateTime SetAt { get; private set; }

    public static Result<PractitionerStatus> Set(SchoolId school, StaffId staff, Presence presence, TimeOnly? backAt, SchoolMoment now)
    {
        var status = new PractitionerStatus { StaffId = staff, SchoolId = school };
        var outcome = status.Change(presence, backAt, now);
        return outcome.IsSuccess ? status : outcome.Error!;
    }

    /// <summary>Changes the status for the rest of today; a "back at" time must be later today, before the day ends.</summary>
    public Outcome Change(Presence presence, TimeOnly? backAt, SchoolMoment now)
    {
        if (backAt is { } back)
        {
            if (back <= now.Time)
            {
                return new Error.Validation("BackAt", $"The time you will be back must be later than now ({now.Time:HH\\:mm}).");
            }

            if (back > now.EndOfDay && now.Time < now.EndOfDay)
            {
                return new Error.Validation("BackAt", $"The time you will be back must be before the end of the school day ({now.EndOfDay:HH\\:mm}). Choose \"{Presences.Name(Presence.NotInToday)}\" instead.");
            }

            if (presence is Presence.FreeForDropIn or Presence.NotInToday)
            {
                backAt = null;
            }
        }

        Presence = presence;
        BackAt = backAt;
        Day = now.Date;
        // Set after the school day has ended (a late meeting, a weekend event): it holds until midnight.
        Until = now.Time < now.EndOfDay ? now.EndOfDay : TimeOnly.MaxValue;
        SetAt = now.Utc;
        return Outcome.Ok;
    }

    /// <summary>Whether the status still holds at this moment of the school day.</summary>
    public bool HoldsAt(DateOnly date, TimeOnly time) => date == Day && time < Until;
}

/// <summary>
/// One moment in school time: the date, the time of day, the end of this school day and the UTC instant.
/// Read once per request from the school's clock (<see cref="Schools.SchoolClock"/>) and its calendar.
/// </summary>
public readonly record struct SchoolMoment(DateOnly Date, TimeOnly Time, TimeOnly EndOfDay, DateTime Utc);

internal sealed class PractitionerStatusConfiguration : IEntityTypeConfiguration<PractitionerStatus>
{
    public void Configure(EntityTypeBuilder<PractitionerStatus> b)
    {
        b.ToTable("practitioner_statuses");
        b.HasKey(s => s.StaffId);
        b.Property(s => s.Presence).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(s => s.SchoolId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(s => s.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
