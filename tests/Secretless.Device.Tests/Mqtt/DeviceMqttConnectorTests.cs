using System.Security.Cryptography;
using System.Text;
using Secretless.Core.Registry;
using Secretless.Device.Mqtt;
using Secretless.Device.Tests.Support;
using Secretless.TestSupport.Network;

namespace Secretless.Device.Tests.Mqtt;

/// <summary>
/// <see cref="DeviceMqttConnector"/> against the real embedded broker: devices provisioned over
/// the real <c>/new</c>, TLS on a free loopback port, refusals observed as typed results.
/// </summary>
public sealed class DeviceMqttConnectorTests
{
    [Fact]
    public async Task ConnectAsync_ProvisionedDevice_PublishesAndItsSubscriptionReceivesTheMessage()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var device = await stack.ProvisionAsync("mqtt-sensor-1");

        await using var session = await DeviceMqttConnector.ConnectAsync(stack.Options(device.Identity, device.DeviceId), CancellationToken.None);
        var granted = await session.SubscribeAsync("things/mqtt-sensor-1/commands", CancellationToken.None);
        var published = await session.PublishAsync("things/mqtt-sensor-1/commands", Encoding.UTF8.GetBytes("{\"temp\":21}"), CancellationToken.None);

        Assert.Equal(0, session.ConnectReason.Code);
        Assert.Equal(1, granted.Code); // GrantedQoS1
        Assert.True(published.Succeeded, published.Reason.ToString());
        Assert.Equal(11, published.PayloadBytes);
        var received = await session.ReceivedMessages.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("things/mqtt-sensor-1/commands", received.Topic);
        Assert.Equal("{\"temp\":21}", Encoding.UTF8.GetString(received.Payload));
    }

    [Fact]
    public async Task ConnectAsync_RevokedCertificate_ThrowsRefusedWithNotAuthorized()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var device = await stack.ProvisionAsync("mqtt-revoked");
        Assert.True(await stack.SetStatusAsync(device.CertificateId, CertificateStatus.Revoked));

        var refused = await Assert.ThrowsAsync<DeviceMqttRefusedException>(() =>
            DeviceMqttConnector.ConnectAsync(stack.Options(device.Identity, device.DeviceId), CancellationToken.None));

        Assert.Equal(DeviceMqttRefusalStage.Connect, refused.Stage);
        Assert.Equal(new DeviceMqttReason(135, "NotAuthorized"), refused.Reason);
        Assert.Contains("CONNACK 135 NotAuthorized", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_ClientIdOfAnotherThing_ThrowsRefusedWithClientIdentifierNotValid()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var device = await stack.ProvisionAsync("mqtt-own-id");

        var refused = await Assert.ThrowsAsync<DeviceMqttRefusedException>(() =>
            DeviceMqttConnector.ConnectAsync(stack.Options(device.Identity, "someone-else"), CancellationToken.None));

        Assert.Equal(DeviceMqttRefusalStage.Connect, refused.Stage);
        Assert.Equal(133, refused.Reason?.Code);
    }

    [Fact]
    public async Task PublishAsync_AnotherThingsTopic_ThrowsRefusedAtPublish()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var device = await stack.ProvisionAsync("mqtt-publisher");
        await using var session = await DeviceMqttConnector.ConnectAsync(stack.Options(device.Identity, device.DeviceId), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<DeviceMqttRefusedException>(() =>
            session.PublishAsync("things/another-device/telemetry", "x"u8.ToArray(), CancellationToken.None));

        Assert.Equal(DeviceMqttRefusalStage.Publish, refused.Stage);
        Assert.Contains("things/another-device/telemetry", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_CertificateRevokedWhileConnected_CompletesWithinOneSecond()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var device = await stack.ProvisionAsync("mqtt-live");
        await using var session = await DeviceMqttConnector.ConnectAsync(stack.Options(device.Identity, device.DeviceId), CancellationToken.None);
        Assert.False(session.Closed.IsCompleted);

        Assert.True(await stack.SetStatusAsync(device.CertificateId, CertificateStatus.Inactive));

        // 1 s is the endpoint's promise; the margin covers a busy 2-core test machine.
        await session.Closed.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.False(session.IsConnected);
    }

    [Fact]
    public async Task ConnectAsync_ClientCertificateFromForeignCa_ThrowsRefusedAtTls()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var foreign = new TestCertificateAuthority("Foreign");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var identity = DeviceMqttCredentials.Create(foreign.IssueLeafPem(key, "mqtt-foreign"), key);

        var refused = await Assert.ThrowsAsync<DeviceMqttRefusedException>(() =>
            DeviceMqttConnector.ConnectAsync(stack.Options(identity, "mqtt-foreign"), CancellationToken.None));

        Assert.Equal(DeviceMqttRefusalStage.TlsHandshake, refused.Stage);
        Assert.Null(refused.Reason);
    }

    [Fact]
    public async Task ConnectAsync_EndpointNotChainingToTrustedCa_ThrowsUnreachableServerRejected()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var device = await stack.ProvisionAsync("mqtt-trust");
        using var foreign = new TestCertificateAuthority("Foreign");

        var unreachable = await Assert.ThrowsAsync<DeviceMqttUnreachableException>(() =>
            DeviceMqttConnector.ConnectAsync(stack.Options(device.Identity, device.DeviceId, foreign.ChainPem), CancellationToken.None));

        Assert.True(unreachable.ServerCertificateRejected);
        Assert.Contains("does not chain to the trusted CA", unreachable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsUnreachable()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var device = await stack.ProvisionAsync("mqtt-nobody");
        var closedPort = LoopbackPorts.Free();

        var unreachable = await Assert.ThrowsAsync<DeviceMqttUnreachableException>(() =>
            DeviceMqttConnector.ConnectAsync(stack.Options(device.Identity, device.DeviceId, host: "127.0.0.1", port: closedPort), CancellationToken.None));

        Assert.False(unreachable.ServerCertificateRejected);
        Assert.Contains($"127.0.0.1:{closedPort}", unreachable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_KeyOfAnotherCertificate_ThrowsInvalidData()
    {
        using var ca = new TestCertificateAuthority("Local");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var error = Assert.Throws<InvalidDataException>(() => DeviceMqttCredentials.Create(ca.IssueLeafPem(key, "device-1"), otherKey));

        Assert.Contains("CN=device-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommonNameOf_DeviceCertificate_ReturnsTheDeviceId()
    {
        using var ca = new TestCertificateAuthority("Local");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var identity = DeviceMqttCredentials.Create(ca.IssueLeafPem(key, "sensor-0001") + ca.ChainPem, key);

        Assert.Equal("sensor-0001", DeviceMqttCredentials.CommonNameOf(identity));
        Assert.True(identity.HasPrivateKey);
    }
}
