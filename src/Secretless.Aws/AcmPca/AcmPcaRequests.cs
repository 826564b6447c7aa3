using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Secretless.Aws.Http;

namespace Secretless.Aws.AcmPca;

/// <summary>
/// Builds ACM PCA calls exactly as the official SDK puts them on the wire (AWS JSON 1.1):
/// <c>POST /</c>, <c>content-type: application/x-amz-json-1.1</c>, signed
/// <c>x-amz-target: ACMPrivateCA.&lt;Operation&gt;</c>, the input as the JSON body.
/// </summary>
public static class AcmPcaRequests
{
    public const string SigningName = "acm-pca";

    public const string ContentType = "application/x-amz-json-1.1";

    public const string TargetPrefix = "ACMPrivateCA.";

    public static AwsRequest IssueCertificate(IssueCertificateRequest request) =>
        Json("IssueCertificate", request, AcmPcaJsonContext.Wire.IssueCertificateRequest);

    public static AwsRequest GetCertificate(GetCertificateRequest request) =>
        Json("GetCertificate", request, AcmPcaJsonContext.Wire.GetCertificateRequest);

    public static AwsRequest RevokeCertificate(RevokeCertificateRequest request) =>
        Json("RevokeCertificate", request, AcmPcaJsonContext.Wire.RevokeCertificateRequest);

    public static AwsRequest GetCertificateAuthorityCertificate(GetCertificateAuthorityCertificateRequest request) =>
        Json("GetCertificateAuthorityCertificate", request, AcmPcaJsonContext.Wire.GetCertificateAuthorityCertificateRequest);

    public static AwsRequest DescribeCertificateAuthority(DescribeCertificateAuthorityRequest request) =>
        Json("DescribeCertificateAuthority", request, AcmPcaJsonContext.Wire.DescribeCertificateAuthorityRequest);

    private static AwsRequest Json<T>(string operation, T input, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new AwsRequest(
            operation,
            HttpMethod.Post,
            "/",
            "",
            JsonSerializer.SerializeToUtf8Bytes(input, typeInfo),
            ContentType,
            [new KeyValuePair<string, string>("x-amz-target", TargetPrefix + operation)]);
    }
}
