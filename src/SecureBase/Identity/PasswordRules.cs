using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace SecureBase.Identity;

/// <summary>
/// Passwords as NCSC and NIST SP 800-63B advise: at least 12 characters, up to 128, no
/// composition rules, and not one that attackers try first (a common password, one padded with
/// digits, a repeated or sequential run, or the user's own name).
/// </summary>
public sealed class PasswordRules : IPasswordValidator<AppUser>
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var problem = Check(password ?? "", user.UserName, user.DisplayName);
        return Task.FromResult(problem is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordRules", Description = problem }));
    }

    /// <summary>Null when the password is acceptable, otherwise the reason in plain words.</summary>
    public static string? Check(string password, string? userName = null, string? displayName = null)
    {
        if (password.Length < MinLength)
        {
            return $"Passwords must be at least {MinLength} characters. Three or four random words make a good one.";
        }

        if (password.Length > MaxLength)
        {
            return $"Passwords can be at most {MaxLength} characters.";
        }

        var lower = password.ToLowerInvariant();
        var core = lower.Trim("0123456789!@#$%^&*()_+-=[]{};:'\",.<>/?\\|`~ ".ToCharArray());
        if (Common.Value.Contains(lower) || (core.Length >= 4 && Common.Value.Contains(core)) || IsRepeat(lower) || IsRun(lower))
        {
            return "That password is too easy to guess: it is one of the passwords attackers try first. Choose something less common.";
        }

        foreach (var word in new[] { userName, displayName }.Where(w => !string.IsNullOrWhiteSpace(w)).SelectMany(w => w!.Split(' ', '.', '@', '-', '_')))
        {
            if (word.Length >= 4 && lower.Contains(word.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return "Your password should not contain your name or username.";
            }
        }

        if (lower.Contains("securebase", StringComparison.Ordinal))
        {
            return "Your password should not contain the name of this service.";
        }

        return null;
    }

    // "qwertyqwerty", "abcabcabcabc", "aaaaaaaaaaaa"
    private static bool IsRepeat(string s)
    {
        for (var unit = 1; unit <= s.Length / 2; unit++)
        {
            if (s.Length % unit != 0)
            {
                continue;
            }

            var piece = s[..unit];
            var repeated = true;
            for (var i = unit; i < s.Length && repeated; i += unit)
            {
                repeated = string.CompareOrdinal(s, i, piece, 0, unit) == 0;
            }

            if (repeated)
            {
                return true;
            }
        }

        return false;
    }

    // "123456789012", "abcdefghijkl"
    private static bool IsRun(string s)
    {
        var up = true;
        var down = true;
        for (var i = 1; i < s.Length; i++)
        {
            up &= s[i] == s[i - 1] + 1 || (s[i] == '0' && s[i - 1] == '9');
            down &= s[i] == s[i - 1] - 1;
        }

        return up || down;
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("SecureBase.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line);
            }
        }

        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}
