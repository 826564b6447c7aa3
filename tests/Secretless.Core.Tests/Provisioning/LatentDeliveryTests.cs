using System.Text;
using Secretless.Core.Delivery;
using Secretless.Core.Errors;
using Secretless.Core.Issuance;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Tests.Provisioning;

[Collection(DeviceKeysGroup.Name)]
public sealed class LatentDeliveryTests(DeviceKeys keys)
{
    [Fact]
    public async Task ProvisionAsync_DeviceAskedForUrl_StoresTheDirectBodyAndAnswersItsUrl()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var delivery = stack.CreateLatentDelivery();

        var outcome = await delivery.ProvisionAsync(keys.P256.DeviceCsrHeader, deviceAskedForUrl: true, CancellationToken.None);

        Assert.True(outcome.IsLatent);
        var payloadKey = PayloadKeys.For(KeyOf(keys.P256.CsrDer, "sensor-p256"));
        Assert.Equal(new Uri("/payloads/" + payloadKey, UriKind.Relative), outcome.PayloadUrl.Url);
        Assert.Equal(stack.Time.GetUtcNow() + TimeSpan.FromHours(1), outcome.PayloadUrl.ExpiresAt);
        var stored = Assert.Single(stack.Payloads.Payloads).Value;
        var direct = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        Assert.Equal(ProvisioningResponseBody.Serialize(direct.Certificate!), stored.Payload);
        Assert.Equal(1, stack.Authority.IssueCalls);
    }

    [Fact]
    public async Task ProvisionAsync_IssuanceOutlastsDeadline_AnswersUrlThenStoresWhenIssued()
    {
        using var stack = new ProvisioningStack(gated: true);
        stack.Register(keys.P384);
        var delivery = stack.CreateLatentDelivery(new LatentDeliveryOptions { Deadline = TimeSpan.FromSeconds(10) });

        var answering = delivery.ProvisionAsync(keys.P384.DeviceCsrHeader, deviceAskedForUrl: false, CancellationToken.None);
        await stack.Gate!.Entered;
        stack.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(answering.IsCompleted);
        stack.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await answering;

        Assert.True(outcome.IsLatent);
        Assert.Empty(stack.Payloads.Payloads);
        Assert.Equal(1, delivery.BackgroundCount);

        stack.Gate.Open();
        await delivery.DrainAsync(CancellationToken.None);

        var stored = Assert.Single(stack.Payloads.Payloads).Value;
        var body = Encoding.UTF8.GetString(stored.Payload);
        Assert.Contains("\"certificateId\":", body, StringComparison.Ordinal);
        Assert.Equal(0, delivery.BackgroundCount);
        var record = await stack.Ledger.FindAsync(KeyOf(keys.P384.CsrDer, "sensor-p384"), CancellationToken.None);
        Assert.Equal(IssuanceState.Completed, record!.State);
    }

    [Fact]
    public async Task ProvisionAsync_IssuanceWithinDeadline_AnswersDirectlyWithoutPayload()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var delivery = stack.CreateLatentDelivery();

        var outcome = await delivery.ProvisionAsync(keys.P256.DeviceCsrHeader, deviceAskedForUrl: false, CancellationToken.None);

        Assert.False(outcome.IsLatent);
        Assert.True(outcome.Immediate.Succeeded);
        Assert.Empty(stack.Payloads.Payloads);
    }

    [Fact]
    public async Task ProvisionAsync_ModeAlways_AnswersUrlWithoutBeingAsked()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var delivery = stack.CreateLatentDelivery(new LatentDeliveryOptions { Mode = LatentDeliveryMode.Always });

        var outcome = await delivery.ProvisionAsync(keys.P256.DeviceCsrHeader, deviceAskedForUrl: false, CancellationToken.None);

        Assert.True(outcome.IsLatent);
        Assert.Single(stack.Payloads.Payloads);
    }

    [Theory]
    [InlineData(LatentDeliveryMode.Never, true)]
    [InlineData(LatentDeliveryMode.OnRequest, false)]
    public async Task ProvisionAsync_LatentOffOrNoStore_AnswersDirectlyEvenWhenAsked(LatentDeliveryMode mode, bool withStore)
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var delivery = stack.CreateLatentDelivery(new LatentDeliveryOptions { Mode = mode }, withStore);

        var outcome = await delivery.ProvisionAsync(keys.P256.DeviceCsrHeader, deviceAskedForUrl: true, CancellationToken.None);

        Assert.False(delivery.Enabled);
        Assert.False(outcome.IsLatent);
        Assert.True(outcome.Immediate.Succeeded);
        Assert.Empty(stack.Payloads.Payloads);
    }

    [Fact]
    public async Task ProvisionAsync_UnregisteredDeviceAskingForUrl_RefusedDirectlyWithoutIssuing()
    {
        using var stack = new ProvisioningStack();
        var delivery = stack.CreateLatentDelivery();

        var outcome = await delivery.ProvisionAsync(keys.P256.DeviceCsrHeader, deviceAskedForUrl: true, CancellationToken.None);

        Assert.False(outcome.IsLatent);
        Assert.Equal(ProvisioningErrorCodes.DeviceNotRegistered, outcome.Immediate.Error!.Code);
        Assert.Equal(0, stack.Authority.IssueCalls);
        Assert.Empty(stack.Payloads.Payloads);
    }

    [Fact]
    public async Task ProvisionAsync_CaUnavailableWhenAskedForUrl_503NotAUrl()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        stack.Authority.NextFailure = new BackendUnavailableException("ca", TimeSpan.FromSeconds(7), "throttled");
        var delivery = stack.CreateLatentDelivery();

        var outcome = await delivery.ProvisionAsync(keys.P256.DeviceCsrHeader, deviceAskedForUrl: true, CancellationToken.None);

        Assert.False(outcome.IsLatent);
        Assert.Equal(503, outcome.Immediate.Error!.Status);
        Assert.Empty(stack.Payloads.Payloads);
    }

    [Fact]
    public async Task ProvisionAsync_SameCsrAskedTwice_SameUrlPathOneIssuance()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var delivery = stack.CreateLatentDelivery();

        var first = await delivery.ProvisionAsync(keys.P256.DeviceCsrHeader, deviceAskedForUrl: true, CancellationToken.None);
        var second = await delivery.ProvisionAsync(keys.P256.Csr.DeviceCsrHeaderDer, deviceAskedForUrl: true, CancellationToken.None);

        Assert.Equal(first.PayloadUrl!.Url, second.PayloadUrl!.Url);
        Assert.Equal(1, stack.Authority.IssueCalls);
        Assert.Single(stack.Payloads.Payloads);
    }

    [Fact]
    public void PayloadKeys_ForIssuanceKey_LowercaseHexSha256OfDeviceAndCsrHash()
    {
        var key = PayloadKeys.For(new IssuanceKey("dev-1", "abc"));

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("dev-1\nabc"u8)), key);
        Assert.True(PayloadKeys.IsValid(key));
        Assert.False(PayloadKeys.IsValid("../" + key));
        Assert.False(PayloadKeys.IsValid(key.ToUpperInvariant()));
        Assert.NotEqual(key, PayloadKeys.For(new IssuanceKey("dev-1", "abd")));
    }

    [Fact]
    public void Validate_NonPositiveDeadline_ThrowsNamingTheSetting()
    {
        var options = new LatentDeliveryOptions { Deadline = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Deadline", error.Message, StringComparison.Ordinal);
    }

    internal static IssuanceKey KeyOf(byte[] csrDer, string deviceId) =>
        new(deviceId, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csrDer)));
}
