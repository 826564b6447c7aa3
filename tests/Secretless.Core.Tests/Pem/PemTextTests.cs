using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Pem;

namespace Secretless.Core.Tests.Pem;

public sealed class PemTextTests
{
    [Fact]
    public void Certificate_AnyDer_IsOpenSslStylePemThatReadsBackToTheSameBytes()
    {
        var der = SelfSigned("pem-leaf");

        var pem = PemText.Certificate(der);

        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", pem, StringComparison.Ordinal);
        Assert.EndsWith("-----END CERTIFICATE-----\n", pem, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', pem);
        Assert.All(pem.Split('\n')[1..^3], line => Assert.Equal(64, line.Length));
        using var read = X509Certificate2.CreateFromPem(pem);
        Assert.Equal(der, read.RawData);
    }

    [Fact]
    public void Certificates_SameChainAgain_SameTextAndEveryCertificateInOrder()
    {
        byte[][] chain = [SelfSigned("pem-issuing"), SelfSigned("pem-root")];

        var first = PemText.Certificates(chain);
        var again = PemText.Certificates([(byte[])chain[0].Clone(), (byte[])chain[1].Clone()]);

        Assert.Equal(first, again);
        Assert.Equal(PemText.Certificate(chain[0]) + PemText.Certificate(chain[1]), first);
    }

    [Fact]
    public void Certificates_ChainChangedAfterBeingEncoded_NeverAnswersTheOldText()
    {
        byte[][] chain = [SelfSigned("pem-first"), SelfSigned("pem-root-2")];
        var before = PemText.Certificates(chain);

        // A rotated intermediate, a shorter chain, and the caller's own array changed in place.
        var rotated = PemText.Certificates([SelfSigned("pem-second"), chain[1]]);
        var shorter = PemText.Certificates([chain[1]]);
        var original = (byte[])chain[0].Clone();
        chain[0][^1] ^= 0xFF;
        var mutated = PemText.Certificates(chain);

        Assert.NotEqual(before, rotated);
        Assert.Equal(PemText.Certificate(chain[1]), shorter);
        Assert.Equal(PemText.Certificate(chain[0]) + PemText.Certificate(chain[1]), mutated);
        Assert.NotEqual(PemText.Certificate(original), PemText.Certificate(chain[0]));
        Assert.Equal(string.Empty, PemText.Certificates([]));
    }

    private static byte[] SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.RawData;
    }
}
