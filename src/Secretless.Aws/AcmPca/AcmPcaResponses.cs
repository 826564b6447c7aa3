using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Secretless.Aws.AcmPca;

/// <summary>Parses ACM PCA success bodies (AWS JSON 1.1) into the typed outputs.</summary>
public static class AcmPcaResponses
{
    public static IssueCertificateResponse IssueCertificate(byte[] body) =>
        Parse("IssueCertificate", body, AcmPcaJsonContext.Wire.IssueCertificateResponse);

    public static GetCertificateResponse GetCertificate(byte[] body) =>
        Parse("GetCertificate", body, AcmPcaJsonContext.Wire.GetCertificateResponse);

    public static GetCertificateAuthorityCertificateResponse GetCertificateAuthorityCertificate(byte[] body) =>
        Parse("GetCertificateAuthorityCertificate", body, AcmPcaJsonContext.Wire.GetCertificateAuthorityCertificateResponse);

    public static DescribeCertificateAuthorityResponse DescribeCertificateAuthority(byte[] body) =>
        Parse("DescribeCertificateAuthority", body, AcmPcaJsonContext.Wire.DescribeCertificateAuthorityResponse);

    private static T Parse<T>(string operation, byte[] body, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new InvalidDataException($"ACM PCA {operation} answered an empty body.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"ACM PCA {operation} answered a body that is not its documented output: {exception.Message}", exception);
        }
    }
}
