using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Notifications;
using SecureBase.Pupils;

namespace SecureBase.Safeguarding;

/// <summary>
/// The demo school's safeguarding work (issue 13): an urgent concern the DSL has not opened yet, one
/// being worked through, and one closed with an outcome, so the DSL's page and a chronology are not
/// empty. (The demo referral with a safeguarding worry becomes a concern of its own.)
/// </summary>
public static class DemoSafeguarding
{
    public static async Task SeedAsync(SecureBaseDb db, IReadOnlyList<Pupil> pupils, DateTime now, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "therapist" || u.UserName == "teacher" || u.UserName == "dsl")
            .ToDictionaryAsync(u => u.UserName!, u => new ConcernAuthor(u.Id, u.DisplayName), ct);
        var therapist = users["therapist"];
        var teacher = users["teacher"];
        var dsl = users["dsl"];
        var chosen = pupils.Where(p => p.LeftOn == null).OrderBy(p => p.Id.Value).Skip(7).Take(3).ToList();

        Concern Raise(Pupil pupil, string what, ConcernCategory category, ConcernAuthor by, int daysAgo, string? present, string? action)
        {
            var concern = Concern.Raise(pupil.SchoolId, pupil.Id,
                new NewConcern(what, now.AddDays(-daysAgo).AddHours(-1), present, action, category, ConcernSource.PupilRecord, null, Guid.NewGuid()), by, now.AddDays(-daysAgo)).Value;
            db.Concerns.Add(concern);
            return concern;
        }

        Raise(chosen[0], "During our session she said \"I don't want to be here any more\" and showed scratches on her forearm.",
            ConcernCategory.SelfHarmOrSuicidalIdeation, therapist, 0, "Just me (1:1 session)", "Stayed with her and walked her to the DSL's office.");

        var working = Raise(chosen[1], "Said his older cousin shouts at him and calls him useless every night; he looked frightened when it was time to go home.",
            ConcernCategory.Emotional, teacher, 9, "Teaching assistant", "Told the DSL at the end of the lesson.");
        working.OpenedByDsl(now.AddDays(-9));
        db.ConcernReads.Add(ConcernRead.Of(working, dsl.UserId, now.AddDays(-9)));
        var onDay = DateOnly.FromDateTime(now.AddDays(-8));
        db.ConcernEntries.Add(ConcernEntry.ActionTaken(working, ConcernActionKind.SpokeToPupil, dsl.Name, onDay, null, "He repeated what he told his teacher.", dsl, now.AddDays(-8)).Value);
        db.ConcernEntries.Add(ConcernEntry.ActionTaken(working, ConcernActionKind.ContactedParents, dsl.Name, onDay.AddDays(1), null, "Mum will speak to the family; early help offered.", dsl, now.AddDays(-7)).Value);

        var closed = Raise(chosen[2], "Came in without a coat in the rain three days this week and ate two breakfasts at breakfast club.",
            ConcernCategory.Neglect, teacher, 30, null, "Gave him a spare coat from lost property.");
        closed.OpenedByDsl(now.AddDays(-30));
        db.ConcernReads.Add(ConcernRead.Of(closed, dsl.UserId, now.AddDays(-30)));
        db.ConcernEntries.Add(ConcernEntry.ActionTaken(closed, ConcernActionKind.EarlyHelp, dsl.Name, DateOnly.FromDateTime(now.AddDays(-27)), "Early help hub", null, dsl, now.AddDays(-27)).Value);
        closed.Close(ConcernOutcomeKind.Monitoring, "Early help in place; monitor attendance and presentation for half a term.", dsl, now.AddDays(-20));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A pupil with a closed concern moved from Hollybrook to Meadowside two days ago: Hollybrook's DSL sent the child
    /// protection file to Meadowside's DSL, who has been told and has not confirmed receipt yet.
    /// </summary>
    public static async Task SeedTransferAsync(SecureBaseDb db, SchoolId from, SchoolId to, DateTime now, CancellationToken ct)
    {
        db.SchoolContext.Switch(from, Schools.School.DefaultTimeZone);
        var concern = await db.Concerns.AsNoTracking().Where(c => c.ClosedAt != null && c.Source == ConcernSource.PupilRecord).OrderBy(c => c.RaisedAt).FirstOrDefaultAsync(ct);
        if (concern is null)
        {
            return;
        }

        var pupil = await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == concern.PupilId, ct);
        var file = await db.Concerns.AsNoTracking().Where(c => c.PupilId == pupil.Id).ToListAsync(ct);
        var lines = (await ConcernDesk.LinesAsync(db, file, ct)).Select(l => new CpFileLine(l.At, l.What, l.Text, l.By, l.Urgent)).ToList();
        var dsl = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "dsl", ct);
        var receiver = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "meadowside.dsl", ct);
        var names = await db.Schools.AsNoTracking().Where(s => s.Id == from || s.Id == to).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var sentAt = now.AddDays(-2);
        var movedOn = DateOnly.FromDateTime(sentAt);
        var calendar = await Schools.SchoolCalendar.LoadAsync(db, ct);
        var transfer = CpFileTransfer.Send(from, names[from], to, names[to], pupil.Id, pupil.DisplayName, pupil.DateOfBirth, receiver.Id, receiver.DisplayName,
            new ConcernAuthor(dsl.Id, dsl.DisplayName), movedOn, CpTransferDesk.FifthSchoolDayAfter(calendar, movedOn), file.Count, lines, sentAt);
        db.CpFileTransfers.Add(transfer);
        await db.SaveChangesAsync(ct);

        db.SchoolContext.Switch(to, Schools.School.DefaultTimeZone);
        await new Notifier(db).QueueAsync([receiver.Id],
        [
            new NotificationMessage($"Child protection file received: {pupil.DisplayName}",
                $"{dsl.DisplayName} ({names[from]}) sent the child protection file of {pupil.DisplayName}, who moved on {movedOn:d MMMM yyyy}. Open it and confirm receipt.",
                $"/safeguarding/transfers/{transfer.Id}", $"cp-transfer:{transfer.Id}:sent", Identity.SchoolAction.ViewConcerns),
        ], sentAt, ct);
        await db.SaveChangesAsync(ct);
    }
}
