using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Issuance;
using Secretless.Local.Pki;
using Secretless.Local.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Pki;

/// <summary>
/// The AsnWriter fast path against the CertificateRequest path it replaces: the same profile must
/// give the same TBSCertificate, byte for byte, and only the (randomized) ECDSA signature differs.
/// </summary>
public sealed class P256DeviceCertificateWriterTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();
    private LocalPki? _pki;

    public void Dispose()
    {
        _pki?.Dispose();
        _environment.Dispose();
    }

    public static TheoryData<string, string> Serials => new()
    {
        { "random 16 bytes, top bit clear", "5b1e0f9a2c7d4e8f90a1b2c3d4e5f607" },
        { "top bit set (a 0x00 is prepended)", "9b1e0f9a2c7d4e8f90a1b2c3d4e5f607" },
        { "redundant leading zeros (dropped)", "00007f1e0f9a2c7d" },
        { "leading zero that keeps it positive", "0080aa" },
        { "a single byte", "01" },
    };

    [Theory]
    [MemberData(nameof(Serials))]
    public async Task TryWrite_SameProfileAsCertificateRequest_SameTbsBytes(string description, string serialHex)
    {
        var issuer = OpenPki().ActiveIssuer;
        var device = await DeviceKeyFixture.CreateAsync(_environment.Temporary, "thing-fast-1", TestKeyKind.EcP256);
        var profile = TestProfiles.For(device, _environment.Time.Now) with { SerialNumber = Convert.FromHexString(serialHex) };

        var general = DeviceCertificateBuilder.BuildWithCertificateRequest(profile, issuer);
        Assert.True(issuer.P256Writer!.TryWrite(profile, out var fast), description);

        AssertSameCertificate(general, fast, issuer);
    }

    [Theory]
    [InlineData("dev-ünïcødé-Ω-設備")]
    [InlineData("dev-long-device-id-long-device-id-long-device-id-long-device-id-long-device-id-long-device-id-long-device-id-long-device-id-xxxx")] // 128, AWS IoT's limit
    public async Task TryWrite_NonAsciiOrLongDeviceId_SameTbsBytes(string deviceId)
    {
        var issuer = OpenPki().ActiveIssuer;
        var device = await DeviceKeyFixture.CreateAsync(_environment.Temporary, "thing-fast-2", TestKeyKind.EcP256);
        var profile = TestProfiles.For(deviceId, device.PublicKeySpkiDer, TestProfiles.AlgorithmOf(device.Kind), _environment.Time.Now);

        AssertSameCertificate(
            DeviceCertificateBuilder.BuildWithCertificateRequest(profile, issuer),
            DeviceCertificateBuilder.Build(profile, issuer),
            issuer);
    }

    [Fact]
    public void TryWrite_ValidityFrom2050_GeneralizedTimeLikeCertificateRequest()
    {
        // An issuing CA made in 2047 lives until 2052, so a device certificate can end after 2049,
        // where RFC 5280 switches from UTCTime to GeneralizedTime.
        _environment.Time.Now = new DateTimeOffset(2047, 6, 1, 8, 30, 0, TimeSpan.Zero);
        var issuer = OpenPki().ActiveIssuer;
        var profile = TestProfiles.For("dev-2050", TestKeys.NewP256(), Core.Keys.KeyAlgorithm.EcdsaP256, _environment.Time.Now, TimeSpan.FromDays(3 * 365));
        Assert.True(profile.NotAfter.Year >= 2050);

        var general = DeviceCertificateBuilder.BuildWithCertificateRequest(profile, issuer);
        Assert.True(issuer.P256Writer!.TryWrite(profile, out var fast));

        AssertSameCertificate(general, fast, issuer);
        using var certificate = X509CertificateLoader.LoadCertificate(fast.Der);
        Assert.Equal(profile.NotAfter.UtcDateTime, certificate.NotAfter.ToUniversalTime());
        Assert.Equal(profile.NotAfter, fast.NotAfter);
    }

    [Fact]
    public void TryWrite_SubSecondProfileTimes_ReportsTheEncodedWholeSeconds()
    {
        var issuer = OpenPki().ActiveIssuer;
        var profile = TestProfiles.For("dev-ticks", TestKeys.NewP256(), Core.Keys.KeyAlgorithm.EcdsaP256, _environment.Time.Now);
        profile = profile with { NotBefore = profile.NotBefore.AddTicks(1234567), NotAfter = profile.NotAfter.AddTicks(7654321) };

        var general = DeviceCertificateBuilder.BuildWithCertificateRequest(profile, issuer);
        Assert.True(issuer.P256Writer!.TryWrite(profile, out var fast));

        AssertSameCertificate(general, fast, issuer);
        Assert.Equal(0, fast.NotAfter.UtcTicks % TimeSpan.TicksPerSecond);
    }

    private LocalPki OpenPki() => _pki = LocalPki.Initialize(_environment.DataDirectory, _environment.Time);

    /// <summary>
    /// Everything but the signature value is the same; the fast path's signature verifies with the
    /// issuing CA's public key; the reported serial and notAfter are what the DER holds.
    /// </summary>
    internal static void AssertSameCertificate(DeviceCertificate general, DeviceCertificate fast, LocalIssuingCa issuer)
    {
        using var expected = X509CertificateLoader.LoadCertificate(general.Der);
        using var actual = X509CertificateLoader.LoadCertificate(fast.Der);
        Assert.Equal(3, actual.Version);
        Assert.Equal(expected.SerialNumberBytes.ToArray(), actual.SerialNumberBytes.ToArray());
        Assert.Equal(expected.SignatureAlgorithm.Value, actual.SignatureAlgorithm.Value);
        Assert.Equal(expected.IssuerName.RawData, actual.IssuerName.RawData);
        Assert.Equal(expected.NotBefore, actual.NotBefore);
        Assert.Equal(expected.NotAfter, actual.NotAfter);
        Assert.Equal(expected.SubjectName.RawData, actual.SubjectName.RawData);
        Assert.Equal(expected.PublicKey.ExportSubjectPublicKeyInfo(), actual.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(
            expected.Extensions.Select(extension => (extension.Oid!.Value, extension.Critical, Convert.ToHexString(extension.RawData))),
            actual.Extensions.Select(extension => (extension.Oid!.Value, extension.Critical, Convert.ToHexString(extension.RawData))));

        var (generalTbs, generalAlgorithm, _) = Split(general.Der);
        var (fastTbs, fastAlgorithm, fastSignature) = Split(fast.Der);
        Assert.Equal(Convert.ToHexString(generalTbs), Convert.ToHexString(fastTbs));
        Assert.Equal(generalAlgorithm, fastAlgorithm);
        using var issuerKey = issuer.Certificate.GetECDsaPublicKey()!;
        Assert.True(issuerKey.VerifyData(fastTbs, fastSignature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        Assert.Equal(general.SerialNumber, fast.SerialNumber);
        Assert.Equal(actual.SerialNumberBytes.ToArray(), fast.SerialNumber);
        Assert.Equal(general.NotAfter, fast.NotAfter);
        Assert.Equal(new DateTimeOffset(actual.NotAfter.ToUniversalTime(), TimeSpan.Zero), fast.NotAfter);
    }

    /// <summary>Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }.</summary>
    private static (byte[] Tbs, byte[] SignatureAlgorithm, byte[] Signature) Split(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var certificate = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var tbs = certificate.ReadEncodedValue().ToArray();
        var algorithm = certificate.ReadEncodedValue().ToArray();
        var signature = certificate.ReadBitString(out var unusedBits);
        certificate.ThrowIfNotEmpty();
        Assert.Equal(0, unusedBits);
        return (tbs, algorithm, signature);
    }
}
