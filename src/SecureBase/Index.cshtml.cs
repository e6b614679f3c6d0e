using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase;

/// <summary>Each role's home page: what needs their attention and the parts of SecureBase they can use.</summary>
[Permits(SchoolAction.UseHome)]
public sealed class HomeModel(CurrentUser me, Schools.SchoolClock schoolClock, Pupils.PupilAccess access, Data.SecureBaseDb db, IEnumerable<IHomeTasks> taskSources, Notifications.MyNotifications notifications) : PageModel
{
    /// <summary>MDT actions the user owns that are not done yet.</summary>
    public IReadOnlyList<Caseload.MdtAction> Actions { get; private set; } = [];

    public int ReferralsToTriage { get; private set; }

    /// <summary>What is due for the user, from every module that has something for them.</summary>
    public IReadOnlyList<HomeTask> Due { get; private set; } = [];

    /// <summary>A parent's children (through links that are not restricted), or the pupil themself.</summary>
    public IReadOnlyList<(Common.PupilId Id, string Name, string Year)> Children { get; private set; } = [];

    public CurrentUser Me => me;
    public string Greeting { get; private set; } = "Hello";
    public IReadOnlyList<NavItem> Tiles { get; private set; } = [];
    public Role PrimaryRole { get; private set; }

    /// <summary>A pupil's latest request for help that is still with the therapy team, told in a child's words.</summary>
    public (string AskedOn, string WhatHappensNext)? MyRequest { get; private set; }

    /// <summary>A pupil's cards: each a link to a page they may use, described for a child.</summary>
    public IReadOnlyList<NavItem> PupilCards { get; private set; } = [];

    public async Task OnGetAsync()
    {
        // The home page runs many small reads (each module's tasks, then the header's counts): one connection for all of them.
        await Data.DbRequestConnection.KeepOpenAsync(db, HttpContext.RequestAborted);
        if (me.Roles.Contains(Role.Pupil))
        {
            var latest = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                db.Referrals.Where(r => r.ReferrerUserId == me.UserId && r.Source == Referrals.ReferralSource.Pupil
                                        && r.Status != Referrals.ReferralStatus.Closed && r.Status != Referrals.ReferralStatus.Declined && r.Status != Referrals.ReferralStatus.Redirected)
                    .OrderByDescending(r => r.ReceivedAt).Select(r => new { r.ReceivedAt, r.Status }));
            if (latest is not null)
            {
                MyRequest = (schoolClock.ToLocal(latest.ReceivedAt).ToString("dddd d MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), latest.Status switch
                {
                    Referrals.ReferralStatus.Accepted => "You are on the list to see someone from the therapy team. They will tell you when and where.",
                    Referrals.ReferralStatus.Allocated => "You have someone from the therapy team to talk to. They will tell you when and where you will meet.",
                    _ => "Someone from the therapy team will talk to you soon.",
                });
            }

            PupilCards = new List<NavItem>
            {
                new("Ask for help", "/ask-for-help", SchoolAction.AskForHelp, "Tell the therapy team you would like to talk to someone."),
                new("Where are my people?", "/my-practitioners", SchoolAction.ViewOwnPractitioners, "Where the people who see you are now, and when they are free."),
                new("My messages", "/notifications", SchoolAction.ViewNotifications, "What the therapy team has told you."),
                new("Term dates", "/calendar", SchoolAction.ViewCalendar, "When school is open and when the holidays are."),
            }.Where(c => me.Can(c.Action)).ToList();
        }

        // Without a school there is nothing due: the MDT actions and triage are school actions, which such a user cannot do.
        if (me.HasSchool)
        {
            await DueAsync(HttpContext.RequestAborted);
        }

        if (me.Roles.Contains(Role.ParentCarer))
        {
            Children = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                    access.Visible(SchoolAction.ViewPupilRecord).Where(p => p.LeftOn == null)
                        .Select(p => new { p.Id, First = p.PreferredFirstName ?? p.LegalFirstName, Last = p.PreferredLastName ?? p.LegalLastName, p.YearGroup })))
                .Select(p => (p.Id, $"{p.First} {p.Last}", Pupils.YearGroups.Label(p.YearGroup))).ToList();
        }

        var hour = schoolClock.LocalNow.Hour;
        Greeting = hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
        Tiles = Navigation.For(me).Where(i => i.Href != "/").ToList();
        PrimaryRole = me.Roles.Order().First();
    }

    /// <summary>
    /// "Due now", the MDT actions and the referrals to triage. Everything that can be counted first is counted in one
    /// SQL command (the referrals to triage, the header's unread messages, whether there are MDT actions, and each
    /// module's <see cref="IHomeTasks.Pending"/>): a module with nothing for the user then costs no round trip.
    /// </summary>
    private async Task DueAsync(CancellationToken ct)
    {
        var today = schoolClock.Today;
        var counted = new List<IQueryable>();
        int Count(IQueryable query)
        {
            counted.Add(query);
            return counted.Count - 1;
        }

        var triage = me.Can(SchoolAction.TriageReferrals) ? Count(ToTriage()) : -1;
        var unread = Count(notifications.Unread());
        var sources = taskSources.Select(source => (Source: source, Slot: source.Pending(today) is { } pending ? Count(pending) : -1)).ToList();

        // The user's own open MDT actions are read in the same command as the counts.
        IReadOnlyList<int> counts;
        if (me.Can(SchoolAction.CompleteOwnActions))
        {
            (counts, var mine) = await Data.CountsInOneCommand.CountWithRowsAsync(db, counted, MyOpenActions(), ct);
            Actions = [.. mine.OrderBy(a => a.DueOn).ThenBy(a => a.Id)];
        }
        else
        {
            counts = await Data.CountsInOneCommand.CountAsync(db, counted, ct);
        }

        notifications.KnowUnread(counts[unread]);
        if (triage >= 0)
        {
            ReferralsToTriage = counts[triage];
        }

        var due = new List<HomeTask>();
        foreach (var (source, slot) in sources)
        {
            if (slot < 0 || counts[slot] > 0)
            {
                due.AddRange(await source.ForCurrentUserAsync(today, ct));
            }
        }

        Due = due.OrderBy(t => t.Due ?? DateOnly.MaxValue).ThenBy(t => t.Title, StringComparer.CurrentCulture).ToList();
    }

    private IQueryable<Caseload.MdtAction> MyOpenActions()
    {
        var mine = me.UserId;
        return Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.MdtActions).Where(a => a.OwnerUserId == mine && a.DoneAt == null);
    }

    private IQueryable<Referrals.Referral> ToTriage() =>
        db.Referrals.Where(r => r.Status == Referrals.ReferralStatus.Received || r.Status == Referrals.ReferralStatus.UnderReview);

    public string FirstName => Me.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? Me.DisplayName;

    /// <summary>How the greeting names the user: their first name, or title and surname ("Ms Smith") when the name starts with a title.</summary>
    public string NameToGreet => GreetingName(Me.DisplayName);

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lady", "Lord", "Rev", "Revd", "Fr", "Sr",
    };

    public static string GreetingName(string displayName)
    {
        var words = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return displayName;
        }

        return Titles.Contains(words[0].TrimEnd('.')) ? string.Join(' ', words) : words[0];
    }
}
