using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Secretless.Aws.Iot;

/// <summary>
/// Checks and messages the IoT Core options classes share, written once. Each caller passes its own
/// SL43xx codes (named, so every code can still be found by searching for it) and its class name.
/// </summary>
internal static partial class IotOptionRules
{
    /// <summary>Where AWS IoT is and how hard to try it: region, endpoint, attempts, Retry-After, each problem in that order.</summary>
    public static void AddEndpointAndRetryProblems(
        List<string> problems,
        string optionsName,
        string? region,
        Uri? serviceUrl,
        int maxAttempts,
        TimeSpan unavailableRetryAfter,
        string regionCode,
        string serviceUrlCode,
        string maxAttemptsCode,
        string retryAfterCode)
    {
        if (region is not null && !RegionPattern().IsMatch(region))
        {
            problems.Add($"{regionCode}: {optionsName}.Region '{region}' is not an AWS region name such as 'eu-west-1'.");
        }

        if (serviceUrl is not null && !(serviceUrl.IsAbsoluteUri && (serviceUrl.Scheme == Uri.UriSchemeHttp || serviceUrl.Scheme == Uri.UriSchemeHttps)))
        {
            problems.Add($"{serviceUrlCode}: {optionsName}.ServiceUrl '{serviceUrl}' must be an absolute http or https URL.");
        }

        if (maxAttempts is < 1 or > 10)
        {
            problems.Add($"{maxAttemptsCode}: {optionsName}.MaxAttempts must be between 1 and 10 but is {maxAttempts}.");
        }

        if (unavailableRetryAfter < TimeSpan.FromSeconds(1) || unavailableRetryAfter > TimeSpan.FromHours(1))
        {
            problems.Add($"{retryAfterCode}: {optionsName}.UnavailableRetryAfter must be between 1 second and 1 hour but is {unavailableRetryAfter}.");
        }
    }

    /// <summary>Reads every CERTIFICATE block of <paramref name="pem"/>; empty when there is none or one is not a certificate.</summary>
    public static IReadOnlyList<byte[]> ReadCertificates(string pem)
    {
        var certificates = new List<byte[]>();
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(pem);
            foreach (var certificate in collection)
            {
                certificates.Add(certificate.RawData);
                certificate.Dispose();
            }
        }
        catch (CryptographicException)
        {
            return [];
        }

        return certificates;
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
