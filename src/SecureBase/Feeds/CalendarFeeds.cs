using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Timetable;

namespace SecureBase.Feeds;

/// <summary>Audit actions of calendar feeds.</summary>
internal static class FeedAuditActions
{
    public const string Created = "calendar-feed.created";
    public const string Renewed = "calendar-feed.renewed";
    public const string Revoked = "calendar-feed.revoked";
}

/// <summary>
/// Calendar feeds: each person's secret address (made, renewed and revoked by its owner, audited) and
/// the iCalendar it answers with. A staff feed is the practitioner's own session occurrences (pupils
/// by initials, the room, the discipline); a parent's is their children's appointment times (the
/// therapy and the room), for children whose link to them is not restricted. No notes, no diagnoses,
/// no other pupil.
/// </summary>
public sealed class CalendarFeeds(SecureBaseDb db, CurrentUser me, AuditLog audit, SchoolClock clock, SchoolContext school, TimetableWeek week)
{
    /// <summary>How far back and ahead a feed reaches: this half term's past weeks and the next two terms.</summary>
    public const int WeeksBack = 6;

    public const int WeeksAhead = 30;

    /// <summary>The kind of feed the signed-in user may have, or null when there is nothing for them to subscribe to.</summary>
    public FeedKind? KindForMe()
    {
        var scope = me.ScopeFor(SchoolAction.ManageOwnFeeds);
        if (scope.HasFlag(Scope.Self) && me.StaffId is not null)
        {
            return FeedKind.StaffSessions;
        }

        return scope.HasFlag(Scope.OwnChild) && me.CarerId is not null ? FeedKind.ChildAppointments : null;
    }

    public Task<CalendarFeed?> MineAsync(CancellationToken ct) =>
        db.CalendarFeeds.AsNoTracking().Where(f => f.UserId == me.UserId && f.RevokedAt == null).OrderByDescending(f => f.CreatedAt).FirstOrDefaultAsync(ct);

    /// <summary>Makes the user's feed address, or a new one in place of the old (which stops working at once). Returns the secret.</summary>
    public async Task<Result<string>> CreateAsync(CancellationToken ct)
    {
        if (KindForMe() is not { } kind)
        {
            return new Error.Forbidden("There is no calendar for your account: feeds are for practitioners' sessions and parents' children's appointments.");
        }

        var now = clock.UtcNow;
        var old = await db.CalendarFeeds.Where(f => f.UserId == me.UserId && f.RevokedAt == null).ToListAsync(ct);
        foreach (var f in old)
        {
            f.Revoke(now);
        }

        var (feed, secret) = CalendarFeed.Create(me.SchoolId, me.UserId, kind, now);
        db.CalendarFeeds.Add(feed);
        audit.Record(old.Count == 0 ? FeedAuditActions.Created : FeedAuditActions.Renewed, "CalendarFeed", feed.Id.ToString(), detail: kind.ToString());
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task<Outcome> RevokeAsync(CancellationToken ct)
    {
        var active = await db.CalendarFeeds.Where(f => f.UserId == me.UserId && f.RevokedAt == null).ToListAsync(ct);
        if (active.Count == 0)
        {
            return new Error.Conflict("You have no calendar address to turn off.");
        }

        var now = clock.UtcNow;
        foreach (var f in active)
        {
            f.Revoke(now);
            audit.Record(FeedAuditActions.Revoked, "CalendarFeed", f.Id.ToString(), detail: f.Kind.ToString());
        }

        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>
    /// The calendar for a secret, read without a signed-in user: null for an unknown or revoked
    /// secret, or an owner who no longer holds a role that may have it (the caller answers 404).
    /// </summary>
    public async Task<string?> ReadAsync(string secret, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 100)
        {
            return null;
        }

        var hash = CalendarFeed.Hash(secret);
        var feed = await db.CalendarFeeds.IgnoreQueryFilters([SecureBaseDb.SchoolFilter]).AsNoTracking()
            .SingleOrDefaultAsync(f => f.SecretHash == hash && f.RevokedAt == null, ct);
        if (feed is null)
        {
            return null;
        }

        var here = await db.Schools.AsNoTracking().Where(s => s.Id == feed.SchoolId).Select(s => new { s.Name, s.TimeZoneId }).SingleAsync(ct);
        school.Enter(feed.SchoolId, here.TimeZoneId);
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == feed.UserId && !u.IsDisabled).Select(u => u.Id).SingleOrDefaultAsync(ct);
        var roles = await db.Memberships.AsNoTracking().Where(m => m.UserId == feed.UserId).Select(m => m.Role).ToListAsync(ct);
        var scope = PolicyTable.ScopeFor(roles, SchoolAction.ManageOwnFeeds);
        if (owner == Guid.Empty || scope == Scope.None)
        {
            return null;
        }

        var today = clock.Today;
        var from = today.AddDays(-7 * WeeksBack);
        var to = today.AddDays(7 * WeeksAhead);
        var events = feed.Kind switch
        {
            FeedKind.StaffSessions when scope.HasFlag(Scope.Self) => await StaffEventsAsync(feed.UserId, from, to, ct),
            FeedKind.ChildAppointments when scope.HasFlag(Scope.OwnChild) => await ChildEventsAsync(feed.UserId, from, to, ct),
            _ => null,
        };
        if (events is null)
        {
            return null;
        }

        var name = feed.Kind == FeedKind.StaffSessions ? "My therapy sessions" : "Therapy appointments";
        return Write($"{name} – {here.Name}", events, clock.UtcNow, clock.Time.Zone.Id);
    }

    private async Task<IReadOnlyList<FeedEvent>?> StaffEventsAsync(Guid user, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.UserId == user).Select(s => (StaffId?)s.Id).FirstOrDefaultAsync(ct);
        if (staff is not { } staffId)
        {
            return null;
        }

        var sessions = await week.BetweenAsync(from, to, new OccurrenceFilter(Staff: staffId, IncludeCancelled: true), ct);
        var pupilIds = sessions.SelectMany(s => s.PupilIds).Distinct().ToList();
        var initials = (await db.Pupils.AsNoTracking().Where(p => pupilIds.Contains(p.Id))
                .Select(p => new { p.Id, First = p.PreferredFirstName ?? p.LegalFirstName, Last = p.PreferredLastName ?? p.LegalLastName }).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => Initials(p.First, p.Last));
        return sessions.Select(s =>
        {
            var who = string.Join(", ", s.PupilIds.Select(p => initials.GetValueOrDefault(p, "?")).Order(StringComparer.Ordinal));
            var what = s.IsGroup ? $"{Disciplines.Name(s.Discipline)} group: {who}" : $"{Disciplines.Name(s.Discipline)}: {who}";
            return new FeedEvent(s, what);
        }).ToList();
    }

    private async Task<IReadOnlyList<FeedEvent>?> ChildEventsAsync(Guid user, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var carer = await db.Carers.AsNoTracking().Where(c => c.UserId == user).Select(c => (CarerId?)c.Id).FirstOrDefaultAsync(ct);
        if (carer is not { } carerId)
        {
            return null;
        }

        var children = await db.CarerLinks.AsNoTracking().Where(l => l.CarerId == carerId && !l.IsRestricted)
            .Join(db.Pupils.AsNoTracking().Where(p => p.LeftOn == null), l => l.PupilId, p => p.Id, (l, p) => new { p.Id, First = p.PreferredFirstName ?? p.LegalFirstName })
            .ToListAsync(ct);
        var events = new List<FeedEvent>();
        foreach (var child in children)
        {
            var sessions = await week.BetweenAsync(from, to, new OccurrenceFilter(Pupil: child.Id, IncludeCancelled: true), ct);
            events.AddRange(sessions.Select(s => new FeedEvent(s, $"{child.First}: {Disciplines.Name(s.Discipline)}{(s.IsGroup ? " (group)" : "")}", child.Id)));
        }

        return events;
    }

    internal static string Initials(string first, string last) =>
        $"{(first.Length > 0 ? char.ToUpperInvariant(first[0]) : '?')}.{(last.Length > 0 ? char.ToUpperInvariant(last[0]) : '?')}.";

    /// <summary>An occurrence as a calendar event; <paramref name="Child"/> keeps one child's copy apart when siblings share a group.</summary>
    internal sealed record FeedEvent(OccurrenceView Session, string Summary, PupilId? Child = null);

    internal static string Write(string name, IReadOnlyList<FeedEvent> events, DateTime nowUtc, string timeZoneId)
    {
        var calendar = new Calendar { ProductId = "-//SecureBase//Therapy sessions//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", timeZoneId);
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(timeZoneId));
        foreach (var e in events.OrderBy(e => e.Session.Date).ThenBy(e => e.Session.Start))
        {
            var s = e.Session;
            var ev = new CalendarEvent
            {
                Uid = e.Child is { } child ? $"{s.Id.Value}-{child.Value}@securebase" : $"{s.Id.Value}@securebase",
                Summary = e.Summary,
                Location = s.RoomName,
                // Local wall-clock time in the school's zone: a weekly 09:00 stays 09:00 when the clocks change.
                DtStart = new CalDateTime(s.Date, s.Start, timeZoneId),
                DtEnd = new CalDateTime(s.Date, s.End, timeZoneId),
                DtStamp = new CalDateTime(nowUtc, CalDateTime.UtcTzId),
                Sequence = s.Status == OccurrenceStatus.Planned ? 0 : 1,
                Status = s.Status == OccurrenceStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            };
            if (s.Status == OccurrenceStatus.Moved && (s.Date != s.OriginalDate))
            {
                ev.Description = $"Moved from {SchoolDatesText(s.OriginalDate)}.";
            }
            else if (s.Status == OccurrenceStatus.Moved)
            {
                ev.Description = "Moved from its usual time or room.";
            }
            else if (s.Status == OccurrenceStatus.Cancelled)
            {
                ev.Description = "Cancelled.";
            }

            calendar.Events.Add(ev);
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static string SchoolDatesText(DateOnly d) => d.ToString("dddd d MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
