using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Local.Tests.Support;

/// <summary>Throwaway self-signed certificates for registry tests, where only the DER matters.</summary>
internal static class TestCertificates
{
    public static byte[] SelfSignedDer(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var certificate = request.CreateSelfSigned(now, now.AddYears(1));
        return certificate.RawData;
    }
}
