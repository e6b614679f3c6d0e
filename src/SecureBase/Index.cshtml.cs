using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase;

/// <summary>Each role's home page: what needs their attention and the parts of SecureBase they can use.</summary>
[Permits(SchoolAction.UseHome)]
public sealed class HomeModel(CurrentUser me, TimeProvider clock) : PageModel
{
    public CurrentUser Me => me;
    public string Greeting { get; private set; } = "Hello";
    public IReadOnlyList<NavItem> Tiles { get; private set; } = [];
    public Role PrimaryRole { get; private set; }

    public void OnGet()
    {
        var hour = Schools.SchoolTime.London.LocalNow(clock).Hour;
        Greeting = hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
        Tiles = Navigation.For(me).Where(i => i.Href != "/").ToList();
        PrimaryRole = me.Roles.Order().First();
    }

    public string FirstName => Me.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? Me.DisplayName;
}
