using Microsoft.Extensions.Time.Testing;
using Secretless.Core.Devices;
using Secretless.Core.Errors;
using Secretless.Core.Issuance;
using Secretless.Core.Provisioning;
using Secretless.Core.Tests.TestDoubles;
using static Secretless.Core.Tests.Csr.CsrTestHelpers;

namespace Secretless.Core.Tests.Provisioning;

/// <summary>
/// Authorization with the registered-key cache: the signature is still checked before every
/// refusal, a device's cached key is reused, and a re-imported key is never answered with a stale one.
/// </summary>
[Collection(DeviceKeysGroup.Name)]
public sealed class DeviceAuthorizationTests(DeviceKeys keys)
{
    [Fact]
    public async Task AdmitAsync_BadSignatureKnownDevice_SignatureInvalid()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);

        var admission = await stack.Provisioner.AdmitAsync(BadSignatureHeader(keys.P256.CsrDer), CancellationToken.None);

        AssertSignatureInvalid(admission);
        Assert.Contains(stack.Logger.Entries, e => e.EventId.Id == 1002);
    }

    [Fact]
    public async Task AdmitAsync_BadSignatureUnknownDevice_SignatureInvalidNotNotFound()
    {
        using var stack = new ProvisioningStack();

        var admission = await stack.Provisioner.AdmitAsync(BadSignatureHeader(keys.P256.CsrDer), CancellationToken.None);

        AssertSignatureInvalid(admission);
        Assert.Equal(1, stack.Directory.FindCalls);
    }

    [Fact]
    public async Task AdmitAsync_BadSignatureMismatchedKey_SignatureInvalidNotMismatch()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256Other, keys.P256.DeviceId);

        var admission = await stack.Provisioner.AdmitAsync(BadSignatureHeader(keys.P256.CsrDer), CancellationToken.None);

        AssertSignatureInvalid(admission);
    }

    [Fact]
    public async Task AdmitAsync_BadSignatureDisabledDevice_SignatureInvalidNotDisabled()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P384);
        await stack.Directory.SetStatusAsync(keys.P384.DeviceId, DeviceStatus.Disabled, CancellationToken.None);

        var admission = await stack.Provisioner.AdmitAsync(BadSignatureHeader(keys.P384.CsrDer), CancellationToken.None);

        AssertSignatureInvalid(admission);
    }

    [Fact]
    public async Task AdmitAsync_BadSignatureRsaKnownDevice_SignatureInvalid()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.Rsa2048);
        Assert.True((await stack.Provisioner.AdmitAsync(keys.Rsa2048.DeviceCsrHeader, CancellationToken.None)).Admitted);

        var admission = await stack.Provisioner.AdmitAsync(BadSignatureHeader(keys.Rsa2048.CsrDer), CancellationToken.None);

        AssertSignatureInvalid(admission);
    }

    [Fact]
    public async Task AdmitAsync_SameDeviceNewCsr_ReusesCachedKey()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var renewal = await keys.P256.CreateCsrAsync("/CN=sensor-p256/O=Renewal");

        var first = await stack.Provisioner.AdmitAsync(keys.P256.DeviceCsrHeader, CancellationToken.None);
        var second = await stack.Provisioner.AdmitAsync(renewal.DeviceCsrHeader, CancellationToken.None);
        var forged = await stack.Provisioner.AdmitAsync(BadSignatureHeader(renewal.Der), CancellationToken.None);

        Assert.True(first.Admitted && second.Admitted);
        Assert.Equal(1, stack.Provisioner.RegisteredKeys.Imports);
        AssertSignatureInvalid(forged);
    }

    [Fact]
    public async Task AdmitAsync_DeviceReimportedWithNewKey_OldKeyRefusedNewKeyAdmitted()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        Assert.True((await stack.Provisioner.AdmitAsync(keys.P256.DeviceCsrHeader, CancellationToken.None)).Admitted);

        stack.Register(keys.P256Other, keys.P256.DeviceId);
        var oldKey = await stack.Provisioner.AdmitAsync(keys.P256.DeviceCsrHeader, CancellationToken.None);
        var newKey = await stack.Provisioner.AdmitAsync(keys.P256Other.DeviceCsrHeader, CancellationToken.None);

        Assert.False(oldKey.Admitted);
        Assert.Equal(ProvisioningErrorCodes.PublicKeyMismatch, oldKey.Error.Code);
        Assert.True(newKey.Admitted, newKey.Error?.Code);
        Assert.Equal(keys.P256Other.PublicKeySpkiDer, newKey.Request.Csr.PublicKey.SpkiDer);
        Assert.Equal(2, stack.Provisioner.RegisteredKeys.Imports);
    }

    [Fact]
    public async Task AdmitAsync_MoreDevicesThanCacheCapacity_CacheStaysBoundedAllAdmitted()
    {
        using var stack = new ProvisioningStack(new ProvisioningOptions { RegisteredKeyCacheCapacity = 1 });
        stack.Register(keys.P256);
        stack.Register(keys.P384);
        stack.Register(keys.Rsa2048);

        foreach (var device in new[] { keys.P256, keys.P384, keys.Rsa2048, keys.P256 })
        {
            var admission = await stack.Provisioner.AdmitAsync(device.DeviceCsrHeader, CancellationToken.None);
            Assert.True(admission.Admitted, admission.Error?.Code);
            Assert.Equal(1, stack.Provisioner.RegisteredKeys.Count);
        }
    }

    [Fact]
    public async Task AdmitAsync_DirectoryUnavailableBadSignature_SignatureInvalidFirst()
    {
        var provisioner = CreateProvisioner(UnavailableDeviceDirectory.Throttled());

        var admission = await provisioner.AdmitAsync(BadSignatureHeader(keys.P256.CsrDer), CancellationToken.None);

        AssertSignatureInvalid(admission);
    }

    [Fact]
    public async Task AdmitAsync_DirectoryUnavailableGoodSignature_BackendUnavailable()
    {
        var provisioner = CreateProvisioner(UnavailableDeviceDirectory.Throttled());

        var admission = await provisioner.AdmitAsync(keys.P256.DeviceCsrHeader, CancellationToken.None);

        Assert.False(admission.Admitted);
        Assert.Equal(503, admission.Error.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), admission.Error.RetryAfter);
    }

    [Fact]
    public async Task AdmitAsync_DirectoryFailsBadSignature_SignatureInvalidNotException()
    {
        var provisioner = CreateProvisioner(new UnavailableDeviceDirectory(new InvalidOperationException("disk gone")));

        var refused = await provisioner.AdmitAsync(BadSignatureHeader(keys.P256.CsrDer), CancellationToken.None);

        AssertSignatureInvalid(refused);
        await Assert.ThrowsAsync<InvalidOperationException>(() => provisioner.AdmitAsync(keys.P256.DeviceCsrHeader, CancellationToken.None));
    }

    [Fact]
    public void Constructor_ZeroCacheCapacity_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new ProvisioningStack(new ProvisioningOptions { RegisteredKeyCacheCapacity = 0 }));

        Assert.Contains("RegisteredKeyCacheCapacity", error.ParamName, StringComparison.Ordinal);
    }

    private static string BadSignatureHeader(byte[] der) => Convert.ToBase64String(FlipLastByte(der));

    private static void AssertSignatureInvalid(ProvisioningAdmission admission)
    {
        Assert.False(admission.Admitted);
        Assert.Equal(ProvisioningErrorCodes.CsrSignatureInvalid, admission.Error.Code);
        Assert.Equal(403, admission.Error.Status);
    }

    private static DeviceProvisioner CreateProvisioner(IDeviceDirectory directory)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new ProvisioningOptions();
        return new DeviceProvisioner(
            directory,
            new InMemoryCertificateAuthority(time.GetUtcNow()),
            new InMemoryThingRegistry(time),
            new InMemoryIssuanceLedger(),
            new CertificateProfileFactory(options, time),
            options,
            new CapturingLogger<DeviceProvisioner>());
    }
}
