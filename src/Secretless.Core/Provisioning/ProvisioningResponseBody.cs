using System.Globalization;
using System.Text.Json;

namespace Secretless.Core.Provisioning;

/// <summary>
/// The 200 body of <c>POST /new</c>: the reference sample's <c>certificate</c> and <c>endpoint</c>
/// plus <c>certificateChain</c>, <c>certificateId</c> and <c>notAfter</c> (ISO-8601 UTC).
/// It lives in the core because a latent payload must be byte-identical to it: both are written
/// by <see cref="Serialize(ProvisionedCertificate)"/>.
/// </summary>
public sealed record ProvisioningResponseBody(
    string Certificate,
    string CertificateChain,
    string Endpoint,
    string CertificateId,
    string NotAfter)
{
    /// <summary>The body for a provisioned certificate (notAfter as <c>yyyy-MM-ddTHH:mm:ssZ</c>).</summary>
    public static ProvisioningResponseBody From(ProvisionedCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new ProvisioningResponseBody(
            certificate.CertificatePem,
            certificate.CertificateChainPem,
            certificate.Endpoint,
            certificate.CertificateId,
            certificate.NotAfter.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>The exact UTF-8 JSON bytes devices receive, directly (200) or from a payload URL.</summary>
    public static byte[] Serialize(ProvisionedCertificate certificate) =>
        JsonSerializer.SerializeToUtf8Bytes(From(certificate), CoreJsonContext.Relaxed.ProvisioningResponseBody);
}
