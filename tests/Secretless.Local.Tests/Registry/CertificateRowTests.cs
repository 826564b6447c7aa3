using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Local.Registry;
using Secretless.Local.Storage;

namespace Secretless.Local.Tests.Registry;

/// <summary>The stored certificate columns read with AsnReader are exactly what X509Certificate2 gives.</summary>
public sealed class CertificateRowTests
{
    public static TheoryData<string, string, string, int> Certificates => new()
    {
        { "CN=Secretless Intermediate CA, O=Secretless", "CN=device-000123", "0d823712b2da32907e7441d7ce5f2c33", 365 },
        { "CN=ca", "CN=a:b_c-d", "ff01", 30 },                          // serial with the top bit set (a leading zero in DER)
        { "CN=ca, OU=Ops, O=Acme, C=US", "CN=q\\+x + OU=multi, O=x", "00ab", 10 }, // multi-valued RDN, escaped plus
        { "CN=ca", "E=a@b.c, CN=ü ñ", "01", 365 * 40 },                 // UTF-8 and a GeneralizedTime notAfter (after 2049)
    };

    [Theory]
    [MemberData(nameof(Certificates))]
    public void From_Certificate_SameColumnsAsTheCertificateLoader(string issuer, string subject, string serialHex, int days)
    {
        var der = Issue(issuer, subject, Convert.FromHexString(serialHex), days);
        using var loaded = X509CertificateLoader.LoadCertificate(der);

        var row = CertificateRow.From(der, now: 42);

        Assert.Equal(SqliteThingRegistry.CertificateIdOf(der), row.CertificateId);
        Assert.Equal(loaded.Subject, row.Subject);
        Assert.Equal(loaded.Issuer, row.Issuer);
        Assert.Equal(Convert.ToHexStringLower(loaded.SerialNumberBytes.Span), row.Serial);
        Assert.Equal(UnixMilliseconds.From(new DateTimeOffset(loaded.NotAfter.ToUniversalTime())), row.NotAfter);
        Assert.Equal(42, row.Now);
    }

    [Fact]
    public void From_NotACertificate_ThrowsLikeTheLoader()
        => Assert.ThrowsAny<CryptographicException>(() => CertificateRow.From([0x30, 0x03, 0x02, 0x01, 0x01], now: 0));

    private static byte[] Issue(string issuerName, string subject, byte[] serial, int days)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest(issuerName, caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(days + 1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var leaf = request.Create(ca, now.AddMinutes(-5), now.AddDays(days), serial);
        return leaf.RawData;
    }
}
