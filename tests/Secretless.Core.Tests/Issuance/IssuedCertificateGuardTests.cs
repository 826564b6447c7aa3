using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;

namespace Secretless.Core.Tests.Issuance;

public sealed class IssuedCertificateGuardTests
{
    [Fact]
    public void ThrowIfNotFor_DevicesKeyAndName_Passes()
    {
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = SelfSigned("CN=sensor-7", device);

        IssuedCertificateGuard.ThrowIfNotFor(Profile("sensor-7", device), certificate, "cert-1");
    }

    [Fact]
    public void ThrowIfNotFor_OtherKey_Throws()
    {
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = SelfSigned("CN=sensor-7", other);

        var failure = Assert.Throws<InvalidOperationException>(() => IssuedCertificateGuard.ThrowIfNotFor(Profile("sensor-7", device), certificate, "cert-1"));

        Assert.Equal("The CA issued cert-1 for a different public key than the device's CSR.", failure.Message);
    }

    [Fact]
    public void ThrowIfNotFor_OtherName_Throws()
    {
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = SelfSigned("CN=sensor-8", device);

        var failure = Assert.Throws<InvalidOperationException>(() => IssuedCertificateGuard.ThrowIfNotFor(Profile("sensor-7", device), certificate, "cert-1"));

        Assert.Equal("The CA issued cert-1 for 'sensor-8', not for device 'sensor-7'.", failure.Message);
    }

    private static CertificateProfile Profile(string deviceId, ECDsa key) => new(
        deviceId,
        key.ExportSubjectPublicKeyInfo(),
        KeyAlgorithm.EcdsaP256,
        [0x40, 0x01],
        DateTimeOffset.UtcNow.AddMinutes(-5),
        DateTimeOffset.UtcNow.AddDays(1),
        "token",
        CsrDer: []);

    private static X509Certificate2 SelfSigned(string subject, ECDsa key)
        => new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
}
