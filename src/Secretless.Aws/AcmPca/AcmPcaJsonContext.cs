using System.Text.Json;
using System.Text.Json.Serialization;
using Secretless.Aws.Http;

namespace Secretless.Aws.AcmPca;

/// <summary>Source-generated JSON for the ACM PCA wire types; null members are left out, as the SDK does.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IssueCertificateRequest))]
[JsonSerializable(typeof(IssueCertificateResponse))]
[JsonSerializable(typeof(GetCertificateRequest))]
[JsonSerializable(typeof(GetCertificateResponse))]
[JsonSerializable(typeof(RevokeCertificateRequest))]
[JsonSerializable(typeof(GetCertificateAuthorityCertificateRequest))]
[JsonSerializable(typeof(GetCertificateAuthorityCertificateResponse))]
[JsonSerializable(typeof(DescribeCertificateAuthorityRequest))]
[JsonSerializable(typeof(DescribeCertificateAuthorityResponse))]
public sealed partial class AcmPcaJsonContext : JsonSerializerContext
{
    /// <summary>The context with AWS's escaping (only what JSON requires), used for every ACM PCA body.</summary>
    public static AcmPcaJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = AwsJson.Encoder,
    });
}
