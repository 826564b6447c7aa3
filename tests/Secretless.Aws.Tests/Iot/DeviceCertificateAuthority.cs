using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Aws.Tests.Iot;

/// <summary>A real ECDSA P-256 issuing CA (the operator's own, registered in AWS IoT) that issues device certificates.</summary>
internal sealed class DeviceCertificateAuthority : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public DeviceCertificateAuthority()
    {
        var request = new CertificateRequest("CN=Test Device Issuing CA, O=Secretless Tests", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }

    public X509Certificate2 Certificate { get; }

    public string Pem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>A device certificate for <paramref name="deviceId"/> with a fresh key, as DER.</summary>
    public byte[] IssueDeviceCertificate(string deviceId)
    {
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={deviceId}", deviceKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        using var certificate = request.Create(Certificate, now.AddMinutes(-5), now.AddDays(30), serial);
        return certificate.RawData;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
