using System.Globalization;
using System.Net;

namespace Secretless.Server.Hosting;

/// <summary>One listen URL, parsed: scheme, host as written, the address to bind, port.</summary>
public sealed record ServerUrl(string Original, bool IsHttps, string Host, ServerBindKind BindKind, IPAddress? Address, int Port)
{
    /// <summary>Parses an ASP.NET-style URL; throws <see cref="ArgumentException"/> with the reason.</summary>
    public static ServerUrl Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw Invalid(url, "it has no scheme; write https://host:port or http://host:port");
        }

        var scheme = text[..schemeEnd].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            throw Invalid(url, $"the scheme '{scheme}' is neither https nor http");
        }

        var authority = text[(schemeEnd + 3)..].TrimEnd('/');
        if (authority.Contains('/', StringComparison.Ordinal))
        {
            throw Invalid(url, "a path is not supported; the routes are served at the root");
        }

        var (host, port) = SplitHostAndPort(url, authority, scheme == "https" ? 443 : 80);
        var (kind, address) = host switch
        {
            "*" or "+" => (ServerBindKind.AnyAddress, (IPAddress?)null),
            "localhost" => (ServerBindKind.Localhost, null),
            _ when IPAddress.TryParse(host, out var ip) => (ServerBindKind.Address, ip),
            // Like ASP.NET Core: any other host name binds every address and is only a name for clients.
            _ => (ServerBindKind.AnyAddress, null),
        };
        if (kind == ServerBindKind.Localhost && port == 0)
        {
            throw Invalid(url, "port 0 cannot be used with localhost; use 127.0.0.1:0");
        }

        return new ServerUrl(url, scheme == "https", host, kind, address, port);
    }

    private static (string Host, int Port) SplitHostAndPort(string url, string authority, int defaultPort)
    {
        string host;
        string? portText;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Invalid(url, "the IPv6 address has no closing ']'");
            }

            host = authority[1..close];
            var rest = authority[(close + 1)..];
            portText = rest.StartsWith(':') ? rest[1..] : rest.Length == 0 ? null : throw Invalid(url, "unexpected text after the IPv6 address");
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? null : authority[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw Invalid(url, "the host is empty");
        }

        if (portText is null)
        {
            return (host.ToLowerInvariant(), defaultPort);
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw Invalid(url, $"the port '{portText}' is not a number from 0 to 65535");
        }

        return (host.ToLowerInvariant(), port);
    }

    private static ArgumentException Invalid(string url, string reason) =>
        new($"SL2004: The listen URL '{url}' is invalid: {reason}.", nameof(url));
}
