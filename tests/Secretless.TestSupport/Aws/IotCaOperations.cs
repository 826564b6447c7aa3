using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Secretless.TestSupport.Aws;

/// <summary>AWS IoT CA-certificate operations: RegisterCACertificate, UpdateCACertificate, ListCertificatesByCA.</summary>
internal sealed class IotCaOperations(FakeIot iot)
{
    public FakeAwsReply RegisterCaCertificate(IotCall call)
    {
        var pem = call.BodyString("caCertificate") ?? throw IotCertificateOperations.Invalid("caCertificate is required.");
        using var ca = CertificateSignatures.TryLoadPem(pem)
            ?? throw new FakeAwsServiceError("CertificateValidationException", "The CA certificate is not a valid X.509 certificate.");
        if (ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            throw new FakeAwsServiceError("CertificateValidationException", "The certificate is not a CA certificate.");
        }

        var mode = call.BodyString("certificateMode") ?? "DEFAULT";
        if (mode == "DEFAULT")
        {
            // Proof of possession: a certificate for CN=<registration code> signed by the CA's key.
            using var verification = CertificateSignatures.TryLoadPem(call.BodyString("verificationCertificate"))
                ?? throw new FakeAwsServiceError("CertificateValidationException", "A verification certificate is required in DEFAULT mode.");
            if (!CertificateSignatures.IsSignedBy(verification, ca)
                || verification.GetNameInfo(X509NameType.SimpleName, false) != iot.RegistrationCode)
            {
                throw new FakeAwsServiceError("CertificateValidationException", "The verification certificate is not signed by the CA or does not carry the registration code.");
            }
        }
        else if (mode != "SNI_ONLY")
        {
            throw IotCertificateOperations.Invalid($"Invalid certificate mode {mode}.");
        }

        var id = CertificateSignatures.IotCertificateId(ca);
        var arn = FakeIot.CaCertificateArn(id);
        lock (iot.Gate)
        {
            if (iot.CaStore.ContainsKey(id))
            {
                throw IotCertificateOperations.AlreadyExists("The CA certificate is already registered", id, arn);
            }

            iot.CaStore[id] = new FakeIotCaCertificate(id, arn, ca.ExportCertificatePem() + "\n", call.QueryFlag("setAsActive") ? "ACTIVE" : "INACTIVE", call.QueryFlag("allowAutoRegistration"), mode, iot.Clock.GetUtcNow());
        }

        return IotRequestHandler.Ok(new JsonObject { ["certificateArn"] = arn, ["certificateId"] = id });
    }

    public FakeAwsReply UpdateCaCertificate(IotCall call)
    {
        var id = call.RequiredLabel;
        var newStatus = call.QueryValue("newStatus");
        if (newStatus is not (null or "ACTIVE" or "INACTIVE"))
        {
            throw IotCertificateOperations.Invalid($"Invalid CA certificate status {newStatus}.");
        }

        var autoRegistration = call.QueryValue("newAutoRegistrationStatus");
        lock (iot.Gate)
        {
            var ca = iot.CaStore.GetValueOrDefault(id) ?? throw IotCertificateOperations.NotFound($"The CA certificate {id} does not exist.");
            iot.CaStore[id] = ca with
            {
                Status = newStatus ?? ca.Status,
                AutoRegistration = autoRegistration is null ? ca.AutoRegistration : autoRegistration == "ENABLE",
            };
        }

        return IotRequestHandler.OkEmpty();
    }

    public FakeAwsReply ListCertificatesByCa(IotCall call)
    {
        var caId = call.RequiredLabel;
        var pageSize = int.TryParse(call.QueryValue("pageSize"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 25;
        if (pageSize is < 1 or > 250)
        {
            throw IotCertificateOperations.Invalid("pageSize must be between 1 and 250.");
        }

        var start = call.QueryValue("marker") is { } marker && int.TryParse(Encoding.UTF8.GetString(DecodeMarker(marker)), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;
        List<FakeIotCertificate> all;
        lock (iot.Gate)
        {
            if (!iot.CaStore.ContainsKey(caId))
            {
                throw IotCertificateOperations.NotFound($"The CA certificate {caId} does not exist.");
            }

            all = [.. iot.CertificateStore.Values.Where(c => c.CaCertificateId == caId).OrderBy(c => c.CreationDate).ThenBy(c => c.Id, StringComparer.Ordinal)];
        }

        if (!call.QueryFlag("isAscendingOrder"))
        {
            all.Reverse();
        }

        var page = all.Skip(start).Take(pageSize).ToList();
        var certificates = new JsonArray();
        foreach (var c in page)
        {
            certificates.Add(new JsonObject
            {
                ["certificateArn"] = c.Arn,
                ["certificateId"] = c.Id,
                ["certificateMode"] = c.Mode,
                ["creationDate"] = IotRequestHandler.Epoch(c.CreationDate),
                ["status"] = c.Status,
            });
        }

        var next = start + page.Count < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes((start + page.Count).ToString(CultureInfo.InvariantCulture))) : null;
        return IotRequestHandler.Ok(new JsonObject { ["certificates"] = certificates, ["nextMarker"] = next });
    }

    private static byte[] DecodeMarker(string marker)
    {
        try
        {
            return Convert.FromBase64String(marker);
        }
        catch (FormatException)
        {
            throw IotCertificateOperations.Invalid("The marker is not valid.");
        }
    }
}
