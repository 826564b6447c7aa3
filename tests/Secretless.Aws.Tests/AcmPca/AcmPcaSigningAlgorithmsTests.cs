using Secretless.Aws.AcmPca;

namespace Secretless.Aws.Tests.AcmPca;

public sealed class AcmPcaSigningAlgorithmsTests
{
    [Theory]
    [InlineData("EC_prime256v1", "SHA256WITHECDSA")]
    [InlineData("EC_secp384r1", "SHA384WITHECDSA")]
    [InlineData("EC_secp521r1", "SHA512WITHECDSA")]
    [InlineData("RSA_2048", "SHA256WITHRSA")]
    [InlineData("RSA_4096", "SHA256WITHRSA")]
    [InlineData("SM2", "SM3WITHSM2")]
    [InlineData("ML_DSA_65", "ML_DSA_65")]
    public void ForKeyAlgorithm_KnownKey_GivesMatchingSigningAlgorithm(string key, string expected)
    {
        Assert.Equal(expected, AcmPcaSigningAlgorithms.ForKeyAlgorithm(key, caSigningAlgorithm: "IGNORED"));
    }

    [Fact]
    public void ForKeyAlgorithm_UnknownKey_FallsBackToTheCasOwnAlgorithm()
    {
        Assert.Equal("SHA512WITHRSA", AcmPcaSigningAlgorithms.ForKeyAlgorithm("FUTURE_KEY", "SHA512WITHRSA"));
        Assert.Throws<InvalidOperationException>(() => AcmPcaSigningAlgorithms.ForKeyAlgorithm("FUTURE_KEY", null));
    }

    [Theory]
    [InlineData("3ce7e2130e62", "3c:e7:e2:13:0e:62")]
    [InlineData("3C:E7:E2:13:0E:62", "3c:e7:e2:13:0e:62")]
    public void ColonSeparatedSerial_HexSerial_GivesAcmPcaForm(string serial, string expected)
    {
        Assert.Equal(expected, AcmPcaCertificateAuthority.ColonSeparatedSerial(serial));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz")]
    [InlineData(":")]
    public void ColonSeparatedSerial_NotHex_Throws(string serial)
    {
        Assert.Throws<ArgumentException>(() => AcmPcaCertificateAuthority.ColonSeparatedSerial(serial));
    }
}
