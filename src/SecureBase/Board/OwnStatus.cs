using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Board;

/// <summary>What the status form shows: the status now, the choices, and the "back at" times left today.</summary>
public sealed record OwnStatusForm(string Now, bool SetByYou, IReadOnlyList<Presence> Choices, IReadOnlyList<TimeOnly> BackAtTimes, string ReturnTo);

/// <summary>
/// A practitioner's own status: read for the home page's form and changed by <see cref="SetStatusModel"/>.
/// The status is saved in the database (one row per practitioner), never in memory.
/// </summary>
public sealed class OwnStatus(SecureBaseDb db, CurrentUser me, PractitionerBoard board)
{
    public bool Applies => me.Can(SchoolAction.SetOwnStatus) && me.StaffId is not null;

    public async Task<OwnStatusForm?> FormAsync(string returnTo, CancellationToken ct)
    {
        if (!Applies)
        {
            return null;
        }

        var staffId = me.StaffId!.Value;
        var read = await board.ReadAsync([staffId], ct);
        var now = read.Now;
        // A status set on another day does not hold today, so today's (read with the board) is the one that counts.
        var set = read.SetToday.FirstOrDefault(s => s.StaffId == staffId);
        var row = read.Rows.FirstOrDefault();
        var setByYou = set is not null && set.HoldsAt(now.Date, now.Time) && row?.Presence == set.Presence && row.Room is null;
        return new OwnStatusForm(row?.StatusText ?? "Not on the board", setByYou, Presences.Choosable, BackAtTimes(now), returnTo);
    }

    /// <summary>Quarter hours from the next one to the end of the school day.</summary>
    internal static IReadOnlyList<TimeOnly> BackAtTimes(SchoolMoment now)
    {
        var times = new List<TimeOnly>();
        var minutes = (now.Time.Hour * 60) + now.Time.Minute;
        var first = ((minutes / 15) + 1) * 15;
        for (var m = first; m <= (now.EndOfDay.Hour * 60) + now.EndOfDay.Minute && m < 24 * 60; m += 15)
        {
            times.Add(new TimeOnly(m / 60, m % 60));
        }

        return times;
    }

    public async Task<Outcome> SetAsync(Presence presence, TimeOnly? backAt, CancellationToken ct)
    {
        if (me.StaffId is not { } staffId)
        {
            return new Error.Validation("Presence", "Your account is not linked to a member of staff, so the board cannot show you. Ask the school office to link it.");
        }

        var (now, _) = await board.NowAsync(ct);
        var existing = await db.Set<PractitionerStatus>().SingleOrDefaultAsync(s => s.StaffId == staffId, ct);
        if (existing is null)
        {
            var created = PractitionerStatus.Set(me.SchoolId, staffId, presence, backAt, now);
            if (!created.IsSuccess)
            {
                return created.Error!;
            }

            db.Add(created.Value);
        }
        else
        {
            var changed = existing.Change(presence, backAt, now);
            if (!changed.IsSuccess)
            {
                return changed;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (existing is null)
        {
            // Set twice at once (two tabs, or the phone and the desk): the other one was saved first; apply this one over it.
            db.ChangeTracker.Clear();
            var again = await db.Set<PractitionerStatus>().SingleAsync(s => s.StaffId == staffId, ct);
            var changed = again.Change(presence, backAt, now);
            if (!changed.IsSuccess)
            {
                return changed;
            }

            await db.SaveChangesAsync(ct);
        }

        return Outcome.Ok;
    }
}

/// <summary>The status form on a practitioner's home page (and on the phone-sized /board/status page).</summary>
public sealed class OwnStatusViewComponent : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string returnTo = "/")
    {
        var own = HttpContext.RequestServices.GetRequiredService<OwnStatus>();
        var form = await own.FormAsync(returnTo, HttpContext.RequestAborted);
        return form is null ? Content("") : View("/Board/_OwnStatus.cshtml", form);
    }
}
