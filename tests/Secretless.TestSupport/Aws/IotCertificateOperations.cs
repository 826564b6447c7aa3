using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Secretless.TestSupport.Aws;

/// <summary>AWS IoT device-certificate operations: create from CSR, register (with/without CA), describe, update, delete.</summary>
internal sealed class IotCertificateOperations(FakeIot iot)
{
    private static readonly string[] CertificateStatuses = ["ACTIVE", "INACTIVE", "REVOKED", "PENDING_TRANSFER", "REGISTER_INACTIVE", "PENDING_ACTIVATION"];

    /// <summary>AWS IoT issues CSR-based certificates until the end of 2049, back-dated a few minutes.</summary>
    private static readonly DateTimeOffset IotNotAfter = new(2049, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public FakeAwsReply CreateCertificateFromCsr(IotCall call)
    {
        var csr = call.BodyString("certificateSigningRequest")
            ?? throw Invalid("certificateSigningRequest is required.");
        var request = SigningRequests.TryLoad(Encoding.UTF8.GetBytes(csr))
            ?? throw Invalid("The certificate signing request is not valid.");
        var now = iot.Clock.GetUtcNow();
        using var certificate = iot.AwsIotCa.IssueEndEntity(
            request.SubjectName, request.PublicKey, now.AddMinutes(-5), IotNotAfter, HashAlgorithmName.SHA256, [new Oid("1.3.6.1.5.5.7.3.2")]);
        var stored = Store(certificate, call.QueryFlag("setAsActive") ? "ACTIVE" : "INACTIVE", null, "DEFAULT", now, failIfExists: false);
        return IotRequestHandler.Ok(new JsonObject
        {
            ["certificateArn"] = stored.Arn,
            ["certificateId"] = stored.Id,
            ["certificatePem"] = stored.Pem,
        });
    }

    public FakeAwsReply RegisterCertificate(IotCall call, bool withCa)
    {
        var pem = call.BodyString("certificatePem") ?? throw Invalid("certificatePem is required.");
        using var certificate = CertificateSignatures.TryLoadPem(pem)
            ?? throw new FakeAwsServiceError("CertificateValidationException", "The certificate is not a valid X.509 certificate.");
        var status = call.BodyString("status") ?? (withCa && call.QueryFlag("setAsActive") ? "ACTIVE" : "INACTIVE");
        if (!CertificateStatuses.Contains(status))
        {
            throw Invalid($"Invalid certificate status {status}.");
        }

        string? caId = null;
        if (withCa)
        {
            caId = FindIssuingCa(certificate, call.BodyString("caCertificatePem"));
        }

        var stored = Store(certificate, status, caId, withCa ? "DEFAULT" : "SNI_ONLY", iot.Clock.GetUtcNow(), failIfExists: true);
        return IotRequestHandler.Ok(new JsonObject { ["certificateArn"] = stored.Arn, ["certificateId"] = stored.Id });
    }

    public FakeAwsReply DescribeCertificate(IotCall call)
    {
        var c = Get(call.RequiredLabel);
        return IotRequestHandler.Ok(new JsonObject
        {
            ["certificateDescription"] = new JsonObject
            {
                ["caCertificateId"] = c.CaCertificateId,
                ["certificateArn"] = c.Arn,
                ["certificateId"] = c.Id,
                ["certificateMode"] = c.Mode,
                ["certificatePem"] = c.Pem,
                ["creationDate"] = IotRequestHandler.Epoch(c.CreationDate),
                ["customerVersion"] = c.CustomerVersion,
                ["generationId"] = Guid.NewGuid().ToString(),
                ["lastModifiedDate"] = IotRequestHandler.Epoch(c.LastModifiedDate),
                ["ownedBy"] = FakeAwsEndpoint.AccountId,
                ["previousOwnedBy"] = null,
                ["status"] = c.Status,
                ["transferData"] = new JsonObject { ["acceptDate"] = null, ["rejectDate"] = null, ["rejectReason"] = null, ["transferDate"] = null, ["transferMessage"] = null },
                ["validity"] = new JsonObject { ["notAfter"] = c.NotAfter.ToUnixTimeSeconds(), ["notBefore"] = c.NotBefore.ToUnixTimeSeconds() },
            },
        });
    }

    public FakeAwsReply UpdateCertificate(IotCall call)
    {
        var id = call.RequiredLabel;
        var newStatus = call.QueryValue("newStatus");
        if (newStatus is null || !CertificateStatuses.Contains(newStatus))
        {
            throw Invalid($"Invalid certificate status {newStatus}.");
        }

        lock (iot.Gate)
        {
            var certificate = iot.CertificateStore.GetValueOrDefault(id) ?? throw NotFound($"The certificate {id} does not exist.");
            if (certificate.Status == "REVOKED" && newStatus != "REVOKED")
            {
                throw new FakeAwsServiceError("CertificateStateException", "Certificate is in REVOKED status and cannot be activated.");
            }

            iot.CertificateStore[id] = certificate with
            {
                Status = newStatus,
                LastModifiedDate = iot.Clock.GetUtcNow(),
                CustomerVersion = certificate.CustomerVersion + 1,
            };
        }

        return IotRequestHandler.OkEmpty();
    }

    public FakeAwsReply DeleteCertificate(IotCall call)
    {
        var id = call.RequiredLabel;
        lock (iot.Gate)
        {
            var certificate = iot.CertificateStore.GetValueOrDefault(id) ?? throw NotFound($"The certificate {id} does not exist.");
            if (certificate.Status == "ACTIVE")
            {
                throw new FakeAwsServiceError("CertificateStateException", "Cannot delete certificate while it is in ACTIVE status.");
            }

            if (iot.ThingPrincipalStore.Values.Any(p => p.Contains(certificate.Arn)))
            {
                throw new FakeAwsServiceError("DeleteConflictException", "The certificate is attached to one or more things.");
            }

            var policies = iot.PolicyTargetStore.Values.Where(t => t.Contains(certificate.Arn)).ToList();
            if (policies.Count > 0 && !call.QueryFlag("forceDelete"))
            {
                throw new FakeAwsServiceError("DeleteConflictException", "The certificate has one or more policies attached.");
            }

            policies.ForEach(t => t.Remove(certificate.Arn));
            iot.CertificateStore.Remove(id);
        }

        return IotRequestHandler.OkEmpty();
    }

    private string FindIssuingCa(X509Certificate2 certificate, string? caPem)
    {
        List<FakeIotCaCertificate> candidates;
        lock (iot.Gate)
        {
            candidates = [.. iot.CaStore.Values];
        }

        if (caPem is not null)
        {
            using var given = CertificateSignatures.TryLoadPem(caPem)
                ?? throw new FakeAwsServiceError("CertificateValidationException", "The CA certificate is not a valid X.509 certificate.");
            var givenId = CertificateSignatures.IotCertificateId(given);
            candidates = [.. candidates.Where(c => c.Id == givenId)];
            if (candidates.Count == 0)
            {
                throw new FakeAwsServiceError("CertificateValidationException", $"The CA certificate {givenId} is not registered.");
            }
        }

        foreach (var candidate in candidates)
        {
            using var ca = X509Certificate2.CreateFromPem(candidate.Pem);
            if (CertificateSignatures.IsSignedBy(certificate, ca))
            {
                return candidate.Status == "ACTIVE"
                    ? candidate.Id
                    : throw new FakeAwsServiceError("CertificateStateException", $"The CA certificate {candidate.Id} is not ACTIVE.");
            }
        }

        throw new FakeAwsServiceError("CertificateValidationException", "The certificate is not signed by a registered CA certificate.");
    }

    private FakeIotCertificate Store(X509Certificate2 certificate, string status, string? caId, string mode, DateTimeOffset now, bool failIfExists)
    {
        var id = CertificateSignatures.IotCertificateId(certificate);
        var stored = new FakeIotCertificate(
            id, FakeIot.CertificateArn(id), certificate.ExportCertificatePem() + "\n", status, caId, mode, now, now,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero), new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), 1);
        lock (iot.Gate)
        {
            if (iot.CertificateStore.ContainsKey(id) && failIfExists)
            {
                throw AlreadyExists("The certificate is already provisioned or registered", id, stored.Arn);
            }

            iot.CertificateStore[id] = stored;
        }

        return stored;
    }

    private FakeIotCertificate Get(string id)
    {
        lock (iot.Gate)
        {
            return iot.CertificateStore.GetValueOrDefault(id) ?? throw NotFound($"The certificate {id} does not exist.");
        }
    }

    internal static FakeAwsServiceError Invalid(string message) => new("InvalidRequestException", message);

    internal static FakeAwsServiceError NotFound(string message) => new("ResourceNotFoundException", message);

    internal static FakeAwsServiceError AlreadyExists(string message, string id, string arn) =>
        new("ResourceAlreadyExistsException", message, new Dictionary<string, string> { ["resourceArn"] = arn, ["resourceId"] = id });
}
