using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Timetable;

namespace SecureBase.Board;

/// <summary>A room a pupil has sessions in, with what they said about it last.</summary>
public sealed record PupilRoom(RoomId RoomId, string Name, RoomView? Said);

/// <summary>Counts of one answer to one question in one room.</summary>
public sealed record RoomVoiceCounts(RoomId RoomId, string Room, int Pupils, IReadOnlyDictionary<RoomQuestion, IReadOnlyDictionary<VoiceAnswer, int>> Counts, IReadOnlyList<string> Ideas);

/// <summary>What one of the practitioner's own pupils said about a room.</summary>
public sealed record NamedRoomView(string Pupil, string Room, RoomView View);

/// <summary>
/// The pupil's voice about the rooms: pupils answer about the rooms they have sessions in; the Head
/// of Therapy reads counts per room; a practitioner reads their own pupils' answers with names.
/// </summary>
public sealed class RoomVoices(SecureBaseDb db, TimetableWeek week, CurrentUser me, TimeProvider clock)
{
    /// <summary>How far back and ahead a pupil's sessions make a room "theirs" to answer about.</summary>
    public const int WeeksBack = 8;

    public const int WeeksAhead = 2;

    public async Task<IReadOnlyList<PupilRoom>> RoomsOfAsync(PupilId pupil, DateOnly today, CancellationToken ct)
    {
        var sessions = await week.BetweenAsync(today.AddDays(-7 * WeeksBack), today.AddDays(7 * WeeksAhead), new OccurrenceFilter(Pupil: pupil), ct);
        var rooms = sessions.GroupBy(s => s.RoomId).Select(g => (g.Key, g.First().RoomName)).ToList();
        var ids = rooms.Select(r => r.Key).ToList();
        var said = await db.Set<RoomView>().AsNoTracking().Where(v => v.PupilId == pupil && ids.Contains(v.RoomId)).ToListAsync(ct);
        return rooms.OrderBy(r => r.RoomName, StringComparer.CurrentCulture)
            .Select(r => new PupilRoom(r.Key, r.RoomName, said.FirstOrDefault(v => v.RoomId == r.Key))).ToList();
    }

    /// <summary>Saves the pupil's answers about a room they have sessions in (another room is "not found").</summary>
    public async Task<Outcome> GiveAsync(PupilId pupil, RoomId room, RoomAnswers answers, DateOnly today, CancellationToken ct)
    {
        var mine = await RoomsOfAsync(pupil, today, ct);
        if (mine.All(r => r.RoomId != room))
        {
            return new Error.NotFound("That room is not one of the rooms you have sessions in.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Set<RoomView>().SingleOrDefaultAsync(v => v.PupilId == pupil && v.RoomId == room, ct);
        if (existing is null)
        {
            var given = RoomView.Give(me.SchoolId, pupil, room, answers, now);
            if (!given.IsSuccess)
            {
                return given.Error!;
            }

            db.Add(given.Value);
        }
        else if (existing.Change(answers, now) is { IsSuccess: false } refused)
        {
            return refused;
        }

        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Counts per room (the Head of Therapy); no pupil is named.</summary>
    public async Task<IReadOnlyList<RoomVoiceCounts>> CountsAsync(CancellationToken ct)
    {
        var views = await db.Set<RoomView>().AsNoTracking().ToListAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        return rooms.Where(r => views.Any(v => v.RoomId == r.Id)).OrderBy(r => r.Name, StringComparer.CurrentCulture).Select(r =>
        {
            var inRoom = views.Where(v => v.RoomId == r.Id).ToList();
            var counts = Enum.GetValues<RoomQuestion>().ToDictionary(q => q, q => (IReadOnlyDictionary<VoiceAnswer, int>)Enum.GetValues<VoiceAnswer>()
                .ToDictionary(a => a, a => inRoom.Count(v => v.AnswerTo(q) == a)));
            return new RoomVoiceCounts(r.Id, r.Name, inRoom.Count, counts, inRoom.Where(v => v.Better is not null).OrderByDescending(v => v.GivenAt).Select(v => v.Better!).ToList());
        }).ToList();
    }

    /// <summary>The answers of pupils the user is the practitioner of (an open episode they hold), with names.</summary>
    public async Task<IReadOnlyList<NamedRoomView>> OwnPupilsAsync(CancellationToken ct)
    {
        if (me.StaffId is not { } staffId)
        {
            return [];
        }

        var rows = await (from v in db.Set<RoomView>().AsNoTracking()
                          join p in db.Pupils.AsNoTracking() on v.PupilId equals p.Id
                          join r in db.Rooms.AsNoTracking() on v.RoomId equals r.Id
                          where db.Episodes.Any(e => e.PupilId == p.Id && e.StaffId == staffId && e.Status == EpisodeStatus.Open)
                          select new { v, First = p.PreferredFirstName ?? p.LegalFirstName, Last = p.PreferredLastName ?? p.LegalLastName, Room = r.Name })
            .ToListAsync(ct);
        return rows.OrderBy(x => x.Last, StringComparer.CurrentCulture).ThenBy(x => x.Room, StringComparer.CurrentCulture)
            .Select(x => new NamedRoomView($"{x.First} {x.Last}", x.Room, x.v)).ToList();
    }
}
