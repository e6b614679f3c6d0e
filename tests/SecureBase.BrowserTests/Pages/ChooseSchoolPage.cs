using Microsoft.Playwright;
using SecureBase.BrowserTests.Support;

namespace SecureBase.BrowserTests.Pages;

/// <summary>/choose-school: for someone with roles in several schools.</summary>
public sealed class ChooseSchoolPage(IPage page)
{
    public const string Path = "/choose-school";

    public IPage Page { get; } = page;
    public ILocator Heading => Page.Locator("main h1");
    public ILocator Schools => Page.GetByRole(AriaRole.Radio);
    public ILocator ContinueButton => Page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true });

    public async Task ChooseAsync(string schoolName)
    {
        await Page.GetByLabel(schoolName).CheckAsync();
        await ContinueButton.ClickAsync();
        await Page.WaitToLeaveAsync(Path);
    }
}
