using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace SecureBase.BrowserTests.Support;

/// <summary>
/// The authenticator app on a person's phone, written from RFC 6238 (HMAC-SHA1, 30-second steps,
/// 6 digits) independently of the application's code. SecureBase accepts a code for the step
/// before, the current step and the step after, and never the same step twice, so this app
/// remembers the last step it gave a code for.
/// </summary>
public sealed class AuthenticatorApp
{
    private const int StepSeconds = 30;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private readonly byte[] _secret;
    private long _lastStep = long.MinValue;

    private AuthenticatorApp(byte[] secret) => _secret = secret;

    /// <summary>An app set up with the key as SecureBase shows it ("abcd efgh ...": base32, spaced, lower case).</summary>
    public static AuthenticatorApp FromSharedKey(string shownKey) => new(FromBase32(shownKey));

    /// <summary>The code the app shows now, or in the next step when this step's code was already used.</summary>
    public async Task<string> NextCodeAsync()
    {
        var step = Math.Max(CurrentStep(), _lastStep + 1);
        while (step > CurrentStep() + 1)
        {
            // Both codes the server would take now were used: wait for the next one, as a person would.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        _lastStep = step;
        return CodeForStep(step);
    }

    /// <summary>Six digits that are not the code of any step the server would accept now.</summary>
    public string WrongCode()
    {
        var now = CurrentStep();
        var valid = Enumerable.Range(-2, 5).Select(d => CodeForStep(now + d)).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    public string CodeForStep(long step)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 is defined over HMAC-SHA1.
        var hash = HMACSHA1.HashData(_secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    // The application under test runs on the real clock, and so does the phone.
    private static long CurrentStep() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;

    private static byte[] FromBase32(string text)
    {
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character in the shared key '{text}'.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
