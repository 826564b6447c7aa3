using Secretless.Core.Csr;
using Secretless.Core.Errors;
using Secretless.TestSupport;
using static Secretless.Core.Tests.Csr.CsrTestHelpers;

namespace Secretless.Core.Tests.Csr;

/// <summary>Allowed key algorithms and key normalization, plus a corruption sweep.</summary>
[Collection(DeviceKeysGroup.Name)]
public sealed class CsrInspectorKeyTests(DeviceKeys keys)
{
    [Fact]
    public void Inspect_Rsa1024_KeyAlgorithmNotAllowed() =>
        AssertRefused(CsrInspector.Inspect(keys.Rsa1024.DeviceCsrHeader), 403, ProvisioningErrorCodes.KeyAlgorithmNotAllowed);

    [Fact]
    public void Inspect_P521_KeyAlgorithmNotAllowed() =>
        AssertRefused(CsrInspector.Inspect(keys.P521.DeviceCsrHeader), 403, ProvisioningErrorCodes.KeyAlgorithmNotAllowed);

    [Fact]
    public void Inspect_Ed25519_KeyAlgorithmNotAllowed() =>
        AssertRefused(CsrInspector.Inspect(keys.Ed25519.DeviceCsrHeader), 403, ProvisioningErrorCodes.KeyAlgorithmNotAllowed);

    [Fact]
    public async Task Inspect_CompressedEcKey_NormalizedToUncompressedRegisteredForm()
    {
        var compressedKey = keys.Directory.File($"compressed-{Guid.NewGuid():N}.key.pem");
        await OpenSsl.RunAsync(["ec", "-in", keys.P256.PrivateKeyPath, "-conv_form", "compressed", "-out", compressedKey]);
        var csrPath = keys.Directory.File($"compressed-{Guid.NewGuid():N}.csr");
        await OpenSsl.RunAsync(["req", "-new", "-key", compressedKey, "-subj", "/CN=sensor-p256", "-out", csrPath]);
        var pem = await File.ReadAllTextAsync(csrPath);
        var der = DeviceKeyFixture.ReadPemDer(pem, "CERTIFICATE REQUEST");
        Assert.True(der.Length < keys.P256.CsrDer.Length, "openssl should have written a compressed point");

        var inspection = CsrInspector.Inspect(Base64(pem));

        Assert.True(inspection.Succeeded, inspection.Error?.Detail);
        Assert.Equal(keys.P256.PublicKeySpkiDer, inspection.Csr.PublicKey.SpkiDer);
    }

    [Fact]
    public async Task Inspect_ExplicitCurveParameters_KeyAlgorithmNotAllowed()
    {
        var explicitKey = keys.Directory.File($"explicit-{Guid.NewGuid():N}.key.pem");
        await OpenSsl.RunAsync(["ec", "-in", keys.P256.PrivateKeyPath, "-param_enc", "explicit", "-out", explicitKey]);
        var csrPath = keys.Directory.File($"explicit-{Guid.NewGuid():N}.csr");
        await OpenSsl.RunAsync(["req", "-new", "-key", explicitKey, "-subj", "/CN=sensor-p256", "-out", csrPath]);

        var inspection = CsrInspector.Inspect(Base64(await File.ReadAllTextAsync(csrPath)));

        AssertRefused(inspection, 403, ProvisioningErrorCodes.KeyAlgorithmNotAllowed);
    }

    [Fact]
    public void Inspect_EveryBitFlipOfACsr_NeverThrowsAndNeverAccepts()
    {
        // Whatever a corrupted CSR looks like, the answer is a 400 or 403 refusal.
        var der = keys.P256.CsrDer;
        for (var i = 0; i < der.Length; i++)
        {
            var corrupted = der.ToArray();
            corrupted[i] ^= 0x01;
            var inspection = CsrInspector.Inspect(Convert.ToBase64String(corrupted));
            Assert.False(inspection.Succeeded, $"flip at byte {i} was accepted");
            Assert.Contains(inspection.Error.Status, new[] { 400, 403 });
        }
    }
}
