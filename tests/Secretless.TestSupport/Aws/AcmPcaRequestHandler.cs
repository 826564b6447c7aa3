using System.Text.Json;
using System.Text.Json.Nodes;

namespace Secretless.TestSupport.Aws;

/// <summary>
/// The AWS JSON 1.1 face of <see cref="FakeAcmPca"/>: <c>POST /</c>, operation in
/// <c>x-amz-target: ACMPrivateCA.&lt;Op&gt;</c>, errors HTTP 400 <c>{"__type", "message"}</c>.
/// </summary>
internal sealed class AcmPcaRequestHandler(FakeAcmPca pca)
{
    public const string ContentType = "application/x-amz-json-1.1";
    private const string TargetPrefix = "ACMPrivateCA.";

    public static FakeAwsReply ErrorReply(string code, string message, int status = 400) =>
        FakeAwsReply.Json(new JsonObject { ["__type"] = code, ["message"] = message }, ContentType, status);

    public FakeAwsReply Handle(SigV4Request request, Action<string> recordCall, FailureInjector failures)
    {
        var target = request.Headers["x-amz-target"];
        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal))
        {
            return ErrorReply("UnknownOperationException", $"Unknown target {target}.");
        }

        var operation = target[TargetPrefix.Length..];
        recordCall(operation);
        if (failures.Take(operation) is { } injected)
        {
            return ErrorReply(injected, injected == "ThrottlingException" ? "Rate exceeded" : $"{injected} injected by the test.", InjectedStatus(injected));
        }

        try
        {
            using var document = JsonDocument.Parse(request.Body.Length == 0 ? "{}"u8.ToArray() : request.Body);
            var input = document.RootElement;
            return operation switch
            {
                "IssueCertificate" => IssueCertificate(input),
                "GetCertificate" => GetCertificate(input),
                "RevokeCertificate" => RevokeCertificate(input),
                "GetCertificateAuthorityCertificate" => GetCertificateAuthorityCertificate(input),
                "DescribeCertificateAuthority" => DescribeCertificateAuthority(input),
                _ => ErrorReply("UnknownOperationException", $"The fake does not implement {operation}."),
            };
        }
        catch (JsonException)
        {
            return ErrorReply("SerializationException", "The request body is not valid JSON.");
        }
        catch (FakeAwsServiceError error)
        {
            return ErrorReply(error.ErrorCode, error.Message);
        }
    }

    /// <summary>JSON 1.1 services answer client errors (throttling included) with 400, server faults with 5xx.</summary>
    private static int InjectedStatus(string errorCode) => errorCode switch
    {
        "InternalFailure" or "InternalFailureException" or "InternalServerException" => 500,
        "ServiceUnavailable" or "ServiceUnavailableException" => 503,
        _ => 400,
    };

    private FakeAwsReply IssueCertificate(JsonElement input)
    {
        var csrBase64 = String(input, "Csr")
            ?? throw new FakeAwsServiceError("ValidationException", "1 validation error detected: Value null at 'csr' failed to satisfy constraint: Member must not be null");
        byte[] csr;
        try
        {
            csr = Convert.FromBase64String(csrBase64);
        }
        catch (FormatException)
        {
            throw new FakeAwsServiceError("MalformedCSRException", "The certificate signing request is invalid.");
        }

        if (!input.TryGetProperty("Validity", out var validity))
        {
            throw new FakeAwsServiceError("ValidationException", "1 validation error detected: Value null at 'validity' failed to satisfy constraint: Member must not be null");
        }

        JsonElement? notBefore = input.TryGetProperty("ValidityNotBefore", out var start) ? start : null;
        var arn = pca.Issue(
            String(input, "CertificateAuthorityArn"),
            csr,
            String(input, "SigningAlgorithm"),
            validity,
            notBefore,
            String(input, "TemplateArn"),
            String(input, "IdempotencyToken"));
        return FakeAwsReply.Json(new JsonObject { ["CertificateArn"] = arn }, ContentType);
    }

    private FakeAwsReply GetCertificate(JsonElement input)
    {
        var pem = pca.GetCertificatePem(String(input, "CertificateAuthorityArn"), String(input, "CertificateArn"));
        var chain = pca.ChainPemOf(pca.EnsureCertificateAuthority(String(input, "CertificateAuthorityArn")));
        return FakeAwsReply.Json(new JsonObject { ["Certificate"] = pem, ["CertificateChain"] = chain }, ContentType);
    }

    private FakeAwsReply RevokeCertificate(JsonElement input)
    {
        pca.Revoke(String(input, "CertificateAuthorityArn"), String(input, "CertificateSerial"), String(input, "RevocationReason"));
        return FakeAwsReply.Empty(ContentType);
    }

    private FakeAwsReply GetCertificateAuthorityCertificate(JsonElement input)
    {
        var authority = pca.EnsureCertificateAuthority(String(input, "CertificateAuthorityArn"));
        if (authority.Status is "PENDING_CERTIFICATE" or "CREATING" or "FAILED")
        {
            throw new FakeAwsServiceError("InvalidStateException", $"The certificate authority {authority.Arn} is in the {authority.Status} state and has no certificate.");
        }

        return FakeAwsReply.Json(
            new JsonObject
            {
                ["Certificate"] = authority.Issuing.Certificate.ExportCertificatePem(),
                ["CertificateChain"] = pca.RootCertificate.ExportCertificatePem(),
            },
            ContentType);
    }

    private FakeAwsReply DescribeCertificateAuthority(JsonElement input)
    {
        var described = pca.EnsureCertificateAuthority(String(input, "CertificateAuthorityArn"));
        var ca = described.Issuing.Certificate;
        var created = described.CreatedAt.ToUnixTimeSeconds();
        var authority = new JsonObject
        {
            ["Arn"] = described.Arn,
            ["CertificateAuthorityConfiguration"] = new JsonObject
            {
                ["KeyAlgorithm"] = "EC_prime256v1",
                ["SigningAlgorithm"] = "SHA256WITHECDSA",
                ["Subject"] = new JsonObject
                {
                    ["CommonName"] = ca.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false),
                    ["Country"] = "US",
                    ["Organization"] = "Secretless Fake",
                },
            },
            ["CreatedAt"] = created,
            ["KeyStorageSecurityStandard"] = "FIPS_140_2_LEVEL_3_OR_HIGHER",
            ["LastStateChangeAt"] = described.LastStateChangeAt.ToUnixTimeSeconds(),
            ["NotAfter"] = new DateTimeOffset(ca.NotAfter.ToUniversalTime(), TimeSpan.Zero).ToUnixTimeSeconds(),
            ["NotBefore"] = new DateTimeOffset(ca.NotBefore.ToUniversalTime(), TimeSpan.Zero).ToUnixTimeSeconds(),
            ["OwnerAccount"] = FakeAwsEndpoint.AccountId,
            ["RevocationConfiguration"] = new JsonObject
            {
                ["CrlConfiguration"] = new JsonObject { ["Enabled"] = false },
                ["OcspConfiguration"] = new JsonObject { ["Enabled"] = false },
            },
            ["Serial"] = ca.SerialNumber.ToLowerInvariant(),
            ["Status"] = described.Status,
            ["Type"] = "SUBORDINATE",
            ["UsageMode"] = "GENERAL_PURPOSE",
        };
        return FakeAwsReply.Json(new JsonObject { ["CertificateAuthority"] = authority }, ContentType);
    }

    private static string? String(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
