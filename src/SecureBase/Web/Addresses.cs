using System.Net;
using System.Net.Sockets;

namespace SecureBase.Web;

/// <summary>The addresses the web application listens on, checked before it starts so a busy port is one plain line.</summary>
public static class Addresses
{
    public static string InUseMessage(string url) =>
        $"SecureBase cannot start: {url} is already in use by another program. Choose another address with --urls (e.g. --urls http://localhost:5081) or the ASPNETCORE_URLS setting.";

    /// <summary>The first of the semicolon-separated URLs whose port another program already holds, or null.</summary>
    public static string? FirstInUse(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parsed = Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null;
            if (parsed is null || parsed.Port <= 0)
            {
                continue;
            }

            var address = parsed.Host is "localhost" ? IPAddress.Loopback : IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var ip) ? ip : null;
            if (address is null)
            {
                continue;
            }

            try
            {
                using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(address, parsed.Port));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return url;
            }
            catch (SocketException)
            {
                // Not ours to judge (e.g. an address this machine does not have): Kestrel will say.
            }
        }

        return null;
    }
}
