using Secretless.Core.Csr;
using Secretless.Core.Errors;
using Secretless.Core.Keys;
using static Secretless.Core.Tests.Csr.CsrTestHelpers;

namespace Secretless.Core.Tests.Csr;

/// <summary>Signature algorithms and proof of possession.</summary>
[Collection(DeviceKeysGroup.Name)]
public sealed class CsrInspectorSignatureTests(DeviceKeys keys)
{
    [Fact]
    public void Inspect_P384_Accepted()
    {
        var inspection = CsrInspector.Inspect(keys.P384.DeviceCsrHeader);
        Assert.True(inspection.Succeeded, inspection.Error?.Detail);
        Assert.Equal(KeyAlgorithm.EcdsaP384, inspection.Csr.PublicKey.Algorithm);
        Assert.Equal(keys.P384.PublicKeySpkiDer, inspection.Csr.PublicKey.SpkiDer);
    }

    [Fact]
    public void Inspect_Rsa2048_Accepted()
    {
        var inspection = CsrInspector.Inspect(keys.Rsa2048.DeviceCsrHeader);
        Assert.True(inspection.Succeeded, inspection.Error?.Detail);
        Assert.Equal("sensor-rsa2048", inspection.Csr.DeviceId);
        Assert.Equal(KeyAlgorithm.Rsa, inspection.Csr.PublicKey.Algorithm);
        Assert.Equal(keys.Rsa2048.PublicKeySpkiDer, inspection.Csr.PublicKey.SpkiDer);
    }

    [Theory]
    [InlineData("-sha384")]
    [InlineData("-sha512")]
    public async Task Inspect_EcdsaWithLongerHash_Accepted(string digest)
    {
        var csr = await keys.P256.CreateCsrAsync("/CN=sensor-p256", [digest]);
        var inspection = CsrInspector.Inspect(csr.DeviceCsrHeader);
        Assert.True(inspection.Succeeded, inspection.Error?.Detail);
    }

    [Fact]
    public async Task Inspect_RsaPssWithDigestLengthSalt_Accepted()
    {
        var csr = await keys.Rsa2048.CreateCsrAsync(
            "/CN=sensor-rsa2048",
            ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]);
        var inspection = CsrInspector.Inspect(csr.DeviceCsrHeader);
        Assert.True(inspection.Succeeded, inspection.Error?.Detail);
        Assert.Equal(KeyAlgorithm.Rsa, inspection.Csr.PublicKey.Algorithm);
    }

    [Fact]
    public async Task Inspect_RsaPssWithMaximumSalt_SignatureAlgorithmNotAllowed()
    {
        var csr = await keys.Rsa2048.CreateCsrAsync("/CN=sensor-rsa2048", ["-sigopt", "rsa_padding_mode:pss"]);
        AssertRefused(CsrInspector.Inspect(csr.DeviceCsrHeader), 403, ProvisioningErrorCodes.SignatureAlgorithmNotAllowed);
    }

    [Fact]
    public async Task Inspect_Sha1Signature_SignatureAlgorithmNotAllowed()
    {
        var csr = await keys.Rsa2048.CreateCsrAsync("/CN=sensor-rsa2048", ["-sha1"]);
        AssertRefused(CsrInspector.Inspect(csr.DeviceCsrHeader), 403, ProvisioningErrorCodes.SignatureAlgorithmNotAllowed);
    }

    [Fact]
    public void Inspect_TamperedEcdsaSignature_CsrSignatureInvalid() =>
        AssertRefused(CsrInspector.Inspect(Convert.ToBase64String(FlipLastByte(keys.P256.CsrDer))), 403, ProvisioningErrorCodes.CsrSignatureInvalid);

    [Fact]
    public void Inspect_TamperedRsaSignature_CsrSignatureInvalid() =>
        AssertRefused(CsrInspector.Inspect(Convert.ToBase64String(FlipLastByte(keys.Rsa2048.CsrDer))), 403, ProvisioningErrorCodes.CsrSignatureInvalid);

    [Fact]
    public void Inspect_SubjectChangedAfterSigning_CsrSignatureInvalid()
    {
        // Same length, still a valid device id: only the signature can catch it.
        var der = keys.P256.CsrDer.ToArray();
        var at = der.AsSpan().IndexOf("sensor-p256"u8);
        der[at] = (byte)'t';
        AssertRefused(CsrInspector.Inspect(Convert.ToBase64String(der)), 403, ProvisioningErrorCodes.CsrSignatureInvalid);
    }

    [Fact]
    public void Inspect_CsrSignedByAnotherKey_CsrSignatureInvalid()
    {
        // The other device's signature over the same subject does not verify with this key.
        var mine = keys.P256.CsrDer;
        var other = keys.P256Other.CsrDer;
        var spliced = SpliceSignature(mine, other);
        AssertRefused(CsrInspector.Inspect(Convert.ToBase64String(spliced)), 403, ProvisioningErrorCodes.CsrSignatureInvalid);
    }
}
