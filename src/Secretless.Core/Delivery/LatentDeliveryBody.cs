using System.Globalization;
using System.Text.Json;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Delivery;

/// <summary>
/// The 202 body of <c>POST /new</c>: where to fetch the certificate (absolute URL) and until when
/// (ISO-8601 UTC). In the core so serve and the Lambda issuer write the same bytes.
/// </summary>
public sealed record LatentDeliveryBody(string CertificateUrl, string ExpiresAt)
{
    /// <summary>What serve's JSON answers carry (ASP.NET's default for JSON).</summary>
    public const string ContentType = "application/json; charset=utf-8";

    public static LatentDeliveryBody From(Uri absoluteUrl, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(absoluteUrl);
        return new LatentDeliveryBody(
            absoluteUrl.AbsoluteUri,
            expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>The exact UTF-8 JSON bytes of the 202 answer.</summary>
    public static byte[] Serialize(Uri absoluteUrl, DateTimeOffset expiresAt) =>
        JsonSerializer.SerializeToUtf8Bytes(From(absoluteUrl, expiresAt), CoreJsonContext.Relaxed.LatentDeliveryBody);
}
