using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Secretless.Aws.Iot;

/// <summary>Checks shared by the IoT Core options classes.</summary>
internal static partial class IotOptionRules
{
    public static bool IsValidServiceUrl(Uri? serviceUrl) =>
        serviceUrl is null
        || (serviceUrl.IsAbsoluteUri && (serviceUrl.Scheme == Uri.UriSchemeHttp || serviceUrl.Scheme == Uri.UriSchemeHttps));

    public static bool IsValidRegion(string? region) => region is null || RegionPattern().IsMatch(region);

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
