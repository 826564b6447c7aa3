using Microsoft.Extensions.Time.Testing;
using Secretless.Core.Csr;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Tests.Issuance;

public sealed class CertificateProfileFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    private static readonly InspectedCsr Csr = new(
        "sensor-1",
        new NormalizedPublicKey([0x30, 0x00], KeyAlgorithm.EcdsaP256),
        new string('a', 64),
        [0x30, 0x03, 0x02, 0x01, 0x00]);

    [Fact]
    public void Create_IssuerValidLongEnough_DefaultValidityAndBackdate()
    {
        var factory = new CertificateProfileFactory(new ProvisioningOptions(), new FakeTimeProvider(Now));
        var profile = factory.Create(Csr, Issuer(Now.AddYears(-1), Now.AddYears(5)));

        var nowSeconds = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(nowSeconds.AddDays(365), profile.NotAfter);
        Assert.Equal(nowSeconds.AddMinutes(-5), profile.NotBefore);
        Assert.Equal("sensor-1", profile.DeviceId);
        Assert.Equal(KeyAlgorithm.EcdsaP256, profile.KeyAlgorithm);
        Assert.Equal(Csr.PublicKey.SpkiDer, profile.SubjectPublicKey);
        Assert.Equal(Csr.Der, profile.CsrDer);
    }

    [Fact]
    public void Create_IssuerExpiresBeforeValidity_NotAfterClampedToIssuer()
    {
        var factory = new CertificateProfileFactory(new ProvisioningOptions(), new FakeTimeProvider(Now));
        var issuerEnd = Now.AddDays(30);

        var profile = factory.Create(Csr, Issuer(Now.AddYears(-1), issuerEnd));

        Assert.True(profile.NotAfter <= issuerEnd);
        Assert.True(profile.NotAfter > issuerEnd.AddSeconds(-1));
    }

    [Fact]
    public void Create_IssuerYoungerThanBackdate_NotBeforeNotBeforeIssuer()
    {
        var factory = new CertificateProfileFactory(new ProvisioningOptions(), new FakeTimeProvider(Now));
        var issuerStart = Now.AddMinutes(-1);

        var profile = factory.Create(Csr, Issuer(issuerStart, Now.AddYears(1)));

        Assert.True(profile.NotBefore >= issuerStart);
    }

    [Fact]
    public void Create_ExpiredIssuer_Throws()
    {
        var factory = new CertificateProfileFactory(new ProvisioningOptions(), new FakeTimeProvider(Now));
        Assert.Throws<InvalidOperationException>(() => factory.Create(Csr, Issuer(Now.AddYears(-2), Now.AddDays(-1))));
    }

    [Fact]
    public void Create_ConfiguredValidity_Used()
    {
        var options = new ProvisioningOptions { Validity = TimeSpan.FromDays(7) };
        var factory = new CertificateProfileFactory(options, new FakeTimeProvider(Now));

        var profile = factory.Create(Csr, Issuer(Now.AddYears(-1), Now.AddYears(1)));

        Assert.Equal(TimeSpan.FromDays(7), profile.NotAfter - new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Create_ManyProfiles_SerialsSixteenBytesPositiveNonZeroAndDistinct()
    {
        var factory = new CertificateProfileFactory(new ProvisioningOptions(), new FakeTimeProvider(Now));
        var issuer = Issuer(Now.AddYears(-1), Now.AddYears(1));
        var serials = new HashSet<string>();
        for (var i = 0; i < 1000; i++)
        {
            var serial = factory.Create(Csr, issuer).SerialNumber;
            Assert.Equal(16, serial.Length);
            Assert.Equal(0, serial[0] & 0x80);
            Assert.NotEqual(0, serial[0]);
            Assert.True(serials.Add(Convert.ToHexString(serial)));
        }
    }

    [Fact]
    public void Create_SameCsr_SameIdempotencyTokenFromCsrHash()
    {
        var factory = new CertificateProfileFactory(new ProvisioningOptions(), new FakeTimeProvider(Now));
        var issuer = Issuer(Now.AddYears(-1), Now.AddYears(1));

        var first = factory.Create(Csr, issuer);
        var second = factory.Create(Csr, issuer);

        Assert.Equal(first.IdempotencyToken, second.IdempotencyToken);
        Assert.InRange(first.IdempotencyToken.Length, 1, 36);
        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
    }

    [Fact]
    public void Ctor_NonPositiveValidity_Throws() =>
        Assert.Throws<ArgumentException>(() => new CertificateProfileFactory(
            new ProvisioningOptions { Validity = TimeSpan.Zero }, TimeProvider.System));

    private static IssuerDescription Issuer(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        new(notBefore, notAfter, [[0x30, 0x00]]);
}
