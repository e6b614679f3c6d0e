using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace SecureBase.Tests.Support;

/// <summary>An authenticator app, written from RFC 6238 independently of the application's code.</summary>
public static class AuthenticatorApp
{
    public static string CodeFor(string base32Key, DateTimeOffset at) => CodeForStep(base32Key, at.ToUnixTimeSeconds() / 30);

    public static string CodeForStep(string base32Key, long step)
    {
        var key = FromBase32(base32Key);
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // TOTP is defined over HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0xF;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string s)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        s = s.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant().TrimEnd('=');
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in s)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
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
