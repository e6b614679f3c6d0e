using Microsoft.Playwright;
using SecureBase.BrowserTests.Support;

namespace SecureBase.BrowserTests.Pages;

/// <summary>/login/two-factor: the code from the authenticator app, the second step of signing in.</summary>
public sealed class LoginTwoFactorPage(IPage page)
{
    public const string Path = "/login/two-factor";

    public IPage Page { get; } = page;
    public ILocator Heading => Page.Locator("main h1");
    public ILocator Code => Page.GetByLabel("Code", new() { Exact = true });
    public ILocator ContinueButton => Page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true });
    public ILocator CodeError => Page.Locator("#Input_Code-error");

    /// <summary>The code is accepted: the browser moves on.</summary>
    public async Task EnterCodeAsync(string code)
    {
        await Code.FillAsync(code);
        await ContinueButton.ClickAsync();
        await Page.WaitToLeaveAsync(Path);
    }

    /// <summary>The code is refused: the page comes back with the error beside the field.</summary>
    public async Task EnterRefusedCodeAsync(string code)
    {
        await Code.FillAsync(code);
        await ContinueButton.ClickAsync();
        await CodeError.WaitForAsync();
    }

    /// <summary>
    /// The error sits in the code field's own group, and the field points at it (aria-describedby)
    /// and is marked invalid, so a screen reader reads the error with the field.
    /// </summary>
    public async Task<bool> ErrorIsBesideCodeFieldAsync() =>
        await Page.EvaluateAsync<bool>(
            """
            () => {
                const field = document.getElementById('Input_Code');
                const error = document.getElementById('Input_Code-error');
                if (!field || !error) return false;
                const group = field.closest('.form-group');
                const describedBy = (field.getAttribute('aria-describedby') || '').split(/\s+/);
                return group !== null && group.contains(error)
                    && describedBy.includes(error.id)
                    && field.getAttribute('aria-invalid') === 'true';
            }
            """);
}
