using System.Collections.Concurrent;
using SecureBase.Demo;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Support;

/// <summary>
/// The demo accounts seeded for this run (passwords are random each start) and the authenticator
/// app each two-factor account was set up with, so a later sign-in can enter its code.
/// </summary>
public sealed class DemoUsers(IReadOnlyList<DemoAccount> created)
{
    public const string MainSchool = "Hollybrook Academy";
    private const string SecondSchoolPrefix = "meadowside.";

    private readonly ConcurrentDictionary<string, AuthenticatorApp> _authenticators = new(StringComparer.Ordinal);

    public IReadOnlyList<DemoAccount> All { get; } = created;

    /// <summary>The Hollybrook Academy account for a role (the local authority officer also works in Meadowside Primary).</summary>
    public DemoAccount For(Role role) =>
        All.FirstOrDefault(a => a.Role == role && !a.UserName.StartsWith(SecondSchoolPrefix, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The demo school has no account for {RoleInfo.Of(role).Name}: add one to DemoSeeder.");

    /// <summary>A Meadowside Primary account, for tests that need an account no other test signs in with.</summary>
    public DemoAccount AtMeadowside(Role role) =>
        All.FirstOrDefault(a => a.Role == role && a.UserName.StartsWith(SecondSchoolPrefix, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The demo's Meadowside Primary has no account for {RoleInfo.Of(role).Name}.");

    public AuthenticatorApp? AuthenticatorOf(DemoAccount account) => _authenticators.GetValueOrDefault(account.UserName);

    public void SetUpAuthenticator(DemoAccount account, AuthenticatorApp app)
    {
        if (!_authenticators.TryAdd(account.UserName, app))
        {
            throw new InvalidOperationException($"{account.UserName} already has an authenticator; SecureBase should not have asked to set one up again.");
        }
    }
}
