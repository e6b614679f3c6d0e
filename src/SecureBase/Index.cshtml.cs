using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase;

/// <summary>Each role's home page: what needs their attention and the parts of SecureBase they can use.</summary>
[Permits(SchoolAction.UseHome)]
public sealed class HomeModel(CurrentUser me, TimeProvider clock, Pupils.PupilAccess access, Data.SecureBaseDb db) : PageModel
{
    /// <summary>MDT actions the user owns that are not done yet.</summary>
    public IReadOnlyList<Caseload.MdtAction> Actions { get; private set; } = [];

    public int ReferralsToTriage { get; private set; }

    /// <summary>A parent's children (through links that are not restricted), or the pupil themself.</summary>
    public IReadOnlyList<(Common.PupilId Id, string Name, string Year)> Children { get; private set; } = [];

    public CurrentUser Me => me;
    public string Greeting { get; private set; } = "Hello";
    public IReadOnlyList<NavItem> Tiles { get; private set; } = [];
    public Role PrimaryRole { get; private set; }

    public async Task OnGetAsync()
    {
        if (me.Can(SchoolAction.CompleteOwnActions))
        {
            Actions = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.MdtActions.Where(a => a.OwnerUserId == me.UserId && a.DoneAt == null).OrderBy(a => a.DueOn));
        }

        if (me.Can(SchoolAction.TriageReferrals))
        {
            ReferralsToTriage = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                db.Referrals.Where(r => r.Status == Referrals.ReferralStatus.Received || r.Status == Referrals.ReferralStatus.UnderReview));
        }

        if (me.Roles.Contains(Role.ParentCarer))
        {
            Children = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                    access.Visible(SchoolAction.ViewPupilRecord).Where(p => p.LeftOn == null)
                        .Select(p => new { p.Id, First = p.PreferredFirstName ?? p.LegalFirstName, Last = p.PreferredLastName ?? p.LegalLastName, p.YearGroup })))
                .Select(p => (p.Id, $"{p.First} {p.Last}", Pupils.YearGroups.Label(p.YearGroup))).ToList();
        }

        var hour = Schools.SchoolTime.London.LocalNow(clock).Hour;
        Greeting = hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
        Tiles = Navigation.For(me).Where(i => i.Href != "/").ToList();
        PrimaryRole = me.Roles.Order().First();
    }

    public string FirstName => Me.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? Me.DisplayName;
}
