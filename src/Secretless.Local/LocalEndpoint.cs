using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Secretless.Local;

/// <summary>Validation of <c>host:port</c> endpoint strings (IPv6 hosts in brackets).</summary>
public static class LocalEndpoint
{
    /// <summary>Returns false with a precise reason when the text is not <c>host:port</c> with a port of 1–65535.</summary>
    public static bool TryValidate(string? endpoint, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            error = "must be 'host:port' but is empty.";
            return false;
        }

        if (endpoint.Contains("://", StringComparison.Ordinal))
        {
            error = $"has an invalid host: give 'host:port' without a scheme, not '{endpoint}'.";
            return false;
        }

        var separator = endpoint.LastIndexOf(':');
        if (separator <= 0 || separator == endpoint.Length - 1)
        {
            error = $"must be 'host:port' (for example 'localhost:8883') but is '{endpoint}'.";
            return false;
        }

        var host = endpoint[..separator];
        var portText = endpoint[(separator + 1)..];
        if (host.Contains(':', StringComparison.Ordinal) && !(host.StartsWith('[') && host.EndsWith(']')))
        {
            error = $"has an IPv6 host that is not in brackets ('[::1]:8883'): '{endpoint}'.";
            return false;
        }

        if (host.Any(char.IsWhiteSpace) || host.Contains('/', StringComparison.Ordinal))
        {
            error = $"has an invalid host '{host}' (no scheme, path or spaces).";
            return false;
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"has port '{portText}', which must be a number from 1 to 65535.";
            return false;
        }

        error = null;
        return true;
    }
}
