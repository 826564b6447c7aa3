using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Server.Tests.Backends;

/// <summary>A throwaway self-signed CA certificate (PEM), for options that need one to exist.</summary>
internal static class TestCa
{
    public static string Pem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Test Issuing CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem();
    }
}
