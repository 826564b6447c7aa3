using System.Security.Cryptography;
using System.Text;
using Secretless.Core.Csr;
using Secretless.Core.Errors;
using Secretless.Core.Keys;
using static Secretless.Core.Tests.Csr.CsrTestHelpers;

namespace Secretless.Core.Tests.Csr;

/// <summary>Header decoding and PKCS#10 structure: what reaches the parser, and what is refused before.</summary>
[Collection(DeviceKeysGroup.Name)]
public sealed class CsrInspectorDecodingTests(DeviceKeys keys)
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Inspect_MissingHeader_CsrMissing(string? header) =>
        AssertRefused(CsrInspector.Inspect(header), 400, ProvisioningErrorCodes.CsrMissing);

    [Theory]
    [InlineData("not base64!!")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----")]
    [InlineData("QUJD RA==")]
    [InlineData("QUJDRA")]
    [InlineData("QUJDRA=x")]
    [InlineData("QU=DRA==")]
    public void Inspect_NotBase64_CsrNotBase64(string header) =>
        AssertRefused(CsrInspector.Inspect(header), 400, ProvisioningErrorCodes.CsrNotBase64);

    [Fact]
    public void Inspect_Base64OfRandomBytes_CsrMalformed()
    {
        var garbage = new byte[300];
        new Random(42).NextBytes(garbage);
        garbage[0] = 0x01;
        AssertRefused(CsrInspector.Inspect(Convert.ToBase64String(garbage)), 400, ProvisioningErrorCodes.CsrMalformed);
    }

    [Fact]
    public void Inspect_Base64OfText_CsrMalformed() =>
        AssertRefused(CsrInspector.Inspect(Base64("hello device, this is not a CSR")), 400, ProvisioningErrorCodes.CsrMalformed);

    [Fact]
    public void Inspect_Base64OfDerLookingGarbage_CsrMalformed()
    {
        var garbage = new byte[] { 0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x00 };
        AssertRefused(CsrInspector.Inspect(Convert.ToBase64String(garbage)), 400, ProvisioningErrorCodes.CsrMalformed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public void Inspect_TruncatedDer_CsrMalformed(int cut)
    {
        var der = keys.P256.CsrDer;
        AssertRefused(CsrInspector.Inspect(Convert.ToBase64String(der.AsSpan(0, der.Length - cut))), 400, ProvisioningErrorCodes.CsrMalformed);
    }

    [Fact]
    public void Inspect_DerWithTrailingBytes_CsrMalformed()
    {
        byte[] der = [.. keys.P256.CsrDer, 0x00, 0x00];
        AssertRefused(CsrInspector.Inspect(Convert.ToBase64String(der)), 400, ProvisioningErrorCodes.CsrMalformed);
    }

    [Fact]
    public void Inspect_PemOfTruncatedDer_CsrMalformed()
    {
        var pem = PemEncoding.WriteString("CERTIFICATE REQUEST", keys.P256.CsrDer.AsSpan(0, keys.P256.CsrDer.Length - 20));
        AssertRefused(CsrInspector.Inspect(Base64(pem)), 400, ProvisioningErrorCodes.CsrMalformed);
    }

    [Theory]
    [InlineData("CERTIFICATE")]
    [InlineData("PUBLIC KEY")]
    [InlineData("PRIVATE KEY")]
    public void Inspect_PemWithWrongLabel_CsrPemLabelInvalid(string label)
    {
        var pem = keys.P256.CsrPem.Replace("CERTIFICATE REQUEST", label, StringComparison.Ordinal);
        AssertRefused(CsrInspector.Inspect(Base64(pem)), 400, ProvisioningErrorCodes.CsrPemLabelInvalid);
    }

    [Fact]
    public void Inspect_PemWithoutEndLine_CsrMalformed()
    {
        var pem = keys.P256.CsrPem.Replace("-----END CERTIFICATE REQUEST-----", string.Empty, StringComparison.Ordinal);
        AssertRefused(CsrInspector.Inspect(Base64(pem)), 400, ProvisioningErrorCodes.CsrMalformed);
    }

    [Fact]
    public void Inspect_NewCertificateRequestLabel_Accepted()
    {
        var pem = keys.P256.CsrPem.Replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST", StringComparison.Ordinal);
        var inspection = CsrInspector.Inspect(Base64(pem));
        Assert.True(inspection.Succeeded, inspection.Error?.Code);
        Assert.Equal("sensor-p256", inspection.Csr.DeviceId);
    }

    [Fact]
    public void Inspect_P256PemHeaderAsSampleDevicesSendIt_AcceptedWithNormalizedKey()
    {
        var inspection = CsrInspector.Inspect(keys.P256.DeviceCsrHeader);

        Assert.True(inspection.Succeeded, inspection.Error?.Detail);
        Assert.Equal("sensor-p256", inspection.Csr.DeviceId);
        Assert.Equal(KeyAlgorithm.EcdsaP256, inspection.Csr.PublicKey.Algorithm);
        Assert.Equal(keys.P256.PublicKeySpkiDer, inspection.Csr.PublicKey.SpkiDer);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(keys.P256.CsrDer)), inspection.Csr.Sha256Hex);
    }

    [Fact]
    public void Inspect_PemAndDerHeaders_SameInspection()
    {
        var fromPem = CsrInspector.Inspect(keys.P256.DeviceCsrHeader);
        var fromDer = CsrInspector.Inspect(keys.P256.Csr.DeviceCsrHeaderDer);
        var fromBytes = CsrInspector.Inspect(keys.P256.CsrDer.AsSpan());

        Assert.True(fromPem.Succeeded && fromDer.Succeeded && fromBytes.Succeeded);
        Assert.Equal(fromPem.Csr.Sha256Hex, fromDer.Csr.Sha256Hex);
        Assert.Equal(fromPem.Csr.Sha256Hex, fromBytes.Csr.Sha256Hex);
        Assert.Equal(fromPem.Csr.PublicKey.SpkiDer, fromDer.Csr.PublicKey.SpkiDer);
    }

    [Fact]
    public void Inspect_HeaderWithTrailingNewline_Accepted()
    {
        var inspection = CsrInspector.Inspect(keys.P256.DeviceCsrHeader + "\n");
        Assert.True(inspection.Succeeded, inspection.Error?.Code);
    }
}
