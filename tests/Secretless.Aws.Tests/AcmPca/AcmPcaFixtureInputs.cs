using System.Text;
using System.Text.Json;
using Secretless.Aws.AcmPca;
using Secretless.Aws.Http;
using Secretless.Aws.Tests.Wire;

namespace Secretless.Aws.Tests.AcmPca;

/// <summary>Builds the client's <see cref="AwsRequest"/> from a fixture's SDK <c>input</c>, through the typed request records.</summary>
internal static class AcmPcaFixtureInputs
{
    public static AwsRequest Build(AwsWireFixture fixture)
    {
        var input = fixture.Input;
        var ca = input.GetProperty("CertificateAuthorityArn").GetString()!;
        return fixture.Operation switch
        {
            "IssueCertificate" => AcmPcaRequests.IssueCertificate(new IssueCertificateRequest(
                ca,
                Encoding.UTF8.GetBytes(input.GetProperty("Csr").GetProperty("$blob_utf8").GetString()!),
                Optional(input, "IdempotencyToken"),
                input.GetProperty("SigningAlgorithm").GetString()!,
                Optional(input, "TemplateArn"),
                ValidityOf(input.GetProperty("Validity")),
                input.TryGetProperty("ValidityNotBefore", out var notBefore) ? ValidityOf(notBefore) : null)),
            "GetCertificate" => AcmPcaRequests.GetCertificate(new GetCertificateRequest(ca, input.GetProperty("CertificateArn").GetString()!)),
            "RevokeCertificate" => AcmPcaRequests.RevokeCertificate(new RevokeCertificateRequest(
                ca, input.GetProperty("CertificateSerial").GetString()!, input.GetProperty("RevocationReason").GetString()!)),
            "GetCertificateAuthorityCertificate" => AcmPcaRequests.GetCertificateAuthorityCertificate(new GetCertificateAuthorityCertificateRequest(ca)),
            "DescribeCertificateAuthority" => AcmPcaRequests.DescribeCertificateAuthority(new DescribeCertificateAuthorityRequest(ca)),
            _ => throw new InvalidOperationException($"No ACM PCA builder for {fixture.Operation}."),
        };
    }

    private static Validity ValidityOf(JsonElement element) =>
        new(element.GetProperty("Value").GetInt64(), element.GetProperty("Type").GetString()!);

    private static string? Optional(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) ? value.GetString() : null;
}
