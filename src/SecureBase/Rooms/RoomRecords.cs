using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Rooms;

/// <summary>Names of the rooms' audited changes, as they appear in the audit log.</summary>
internal static class RoomAuditActions
{
    public const string RoomAdded = "rooms.room-added";
    public const string RoomChanged = "rooms.room-changed";
    public const string NoticeChanged = "rooms.notice-changed";
    public const string Booked = "rooms.booked";
    public const string BookingCancelled = "rooms.booking-cancelled";
}

/// <summary>A room with its site's name, for lists.</summary>
public sealed record RoomRow(Room Room, string SiteName);

/// <summary>The school's rooms: kept by the administrator and the head of therapy, read by all staff.</summary>
public sealed class RoomRecords(SecureBaseDb db, CurrentUser me, AuditLog audit)
{
    public async Task<IReadOnlyList<RoomRow>> ListAsync(CancellationToken ct = default)
    {
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var rooms = await db.Rooms.AsNoTracking().ToListAsync(ct);
        return rooms.Select(r => new RoomRow(r, sites.GetValueOrDefault(r.SiteId, "")))
            .OrderBy(r => r.SiteName, StringComparer.CurrentCulture).ThenBy(r => r.Room.Name, StringComparer.CurrentCulture).ToList();
    }

    public async Task<RoomRow?> FindAsync(RoomId id, CancellationToken ct = default)
    {
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (room is null)
        {
            return null;
        }

        var site = await db.Sites.AsNoTracking().Where(s => s.Id == room.SiteId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        return new RoomRow(room, site ?? "");
    }

    public async Task<Result<Room>> CreateAsync(RoomDetails details, CancellationToken ct = default)
    {
        if (await SiteProblemAsync(details.SiteId, ct) is { } problem)
        {
            return problem;
        }

        var others = await db.Rooms.AsNoTracking().ToListAsync(ct);
        var room = Room.Create(me.SchoolId, details, others);
        if (!room.IsSuccess)
        {
            return room;
        }

        db.Rooms.Add(room.Value);
        audit.Record(RoomAuditActions.RoomAdded, nameof(Room), room.Value.Id.ToString(), detail: room.Value.Name);
        return await SaveAsync(room.Value, ct);
    }

    public async Task<Result<Room>> UpdateAsync(RoomId id, RoomDetails details, CancellationToken ct = default)
    {
        var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (room is null)
        {
            return new Error.NotFound("That room was not found.");
        }

        if (await SiteProblemAsync(details.SiteId, ct) is { } problem)
        {
            return problem;
        }

        var others = await db.Rooms.AsNoTracking().Where(r => r.Id != id).ToListAsync(ct);
        var outcome = room.Change(details, others);
        if (!outcome.IsSuccess)
        {
            return outcome.Error!;
        }

        audit.Record(RoomAuditActions.RoomChanged, nameof(Room), room.Id.ToString(), detail: room.Name);
        return await SaveAsync(room, ct);
    }

    /// <summary>The notice, in school days, the school asks for before its rooms' therapy hours are booked.</summary>
    public static async Task<int> NoticeDaysAsync(SecureBaseDb db, CancellationToken ct = default) =>
        await db.RoomSettings.AsNoTracking().Select(s => (int?)s.BookingNoticeDays).SingleOrDefaultAsync(ct) ?? RoomSettings.DefaultNoticeDays;

    public Task<int> NoticeDaysAsync(CancellationToken ct = default) => NoticeDaysAsync(db, ct);

    public async Task<Outcome> SetNoticeDaysAsync(int days, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var settings = await db.RoomSettings.SingleOrDefaultAsync(ct);
            if (settings is null)
            {
                settings = RoomSettings.For(me.SchoolId);
                db.RoomSettings.Add(settings);
            }

            var outcome = settings.SetNotice(days);
            if (!outcome.IsSuccess)
            {
                db.ChangeTracker.Clear();
                return outcome;
            }

            audit.Record(RoomAuditActions.NoticeChanged, nameof(RoomSettings), me.SchoolId.ToString(), detail: $"{days} school days");
            try
            {
                await db.SaveChangesAsync(ct);
                return Outcome.Ok;
            }
            catch (DbUpdateException e) when (DbConflicts.IsConflict(e) && attempt == 0)
            {
                // Another keeper saved the school's first setting at the same moment: change theirs.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Error?> SiteProblemAsync(SiteId site, CancellationToken ct) =>
        await db.Sites.AnyAsync(s => s.Id == site, ct) ? null : new Error.Validation("SiteId", "Choose one of the school's sites");

    private async Task<Result<Room>> SaveAsync(Room room, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return room;
        }
        catch (DbUpdateException e) when (DbConflicts.IsConflict(e))
        {
            // Another room of the same name was saved at the same moment.
            db.ChangeTracker.Clear();
            return new Error.Validation("Name", $"The school already has a room called {room.Name}; give this one a different name");
        }
    }
}
