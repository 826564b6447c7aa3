using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Secretless.Core.Registry;

namespace Secretless.Local.Tests.Mqtt;

/// <summary>The broker against MQTTnet's real client over mutual TLS.</summary>
public sealed class LocalMqttBrokerTests : IAsyncLifetime
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(10);

    private BrokerTestEnvironment _environment = null!;

    public async Task InitializeAsync() => _environment = await BrokerTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Connect_ProvisionedCertificate_ExchangesMessageWithItself(MqttProtocolVersion version)
    {
        var thing = await _environment.ProvisionAsync("sensor-001");
        await using var client = MqttTestClient.Create(thing);

        var connected = await client.ConnectAsync(_environment, thing.ThingName, version);
        var subscribed = await client.Client.SubscribeAsync(new MqttTopicFilterBuilder().WithTopic("things/sensor-001/#").WithAtLeastOnceQoS().Build());
        await client.Client.PublishStringAsync("things/sensor-001/telemetry", "21.5", MqttQualityOfServiceLevel.AtLeastOnce);
        var message = await client.NextMessageAsync(MessageTimeout);

        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(subscribed.Items).ResultCode);
        Assert.NotNull(message);
        Assert.Equal("things/sensor-001/telemetry", message.Topic);
        Assert.Equal("21.5", Encoding.UTF8.GetString(message.Payload));
        Assert.True(_environment.Log.Has(3011, "'sensor-001' connected as thing 'sensor-001'"));
    }

    [Fact]
    public async Task StartAsync_PortZero_ListensOnAChosenLoopbackPortWithTlsOnly()
    {
        Assert.True(_environment.Broker.IsRunning);
        Assert.InRange(_environment.Port, 1, 65535);

        // Plain MQTT on the same port is a failed TLS handshake, never a session.
        using var plain = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _environment.Port).WithClientId("plain")
            .WithTimeout(TimeSpan.FromSeconds(5)).Build();
        await Assert.ThrowsAnyAsync<MqttCommunicationException>(() => plain.ConnectAsync(options));
    }

    [Fact]
    public async Task Connect_NeverRegisteredCertificate_RefusedWithBadUserNameOrPassword()
    {
        var thing = await _environment.ProvisionAsync("sensor-002", register: false);
        await using var client = MqttTestClient.Create(thing);

        var refusal = await client.ConnectAsync(_environment, thing.ThingName);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refusal.ResultCode);
        Assert.True(_environment.Log.Has(3010, "the certificate is not registered"));
    }

    [Fact]
    public async Task Connect_RevokedCertificate_RefusedWithNotAuthorized()
    {
        var thing = await _environment.ProvisionAsync("sensor-003");
        await _environment.Registry.SetCertificateStatusAsync(thing.CertificateId, CertificateStatus.Revoked, CancellationToken.None);
        await using var client = MqttTestClient.Create(thing);

        var refusal = await client.ConnectAsync(_environment, thing.ThingName, MqttProtocolVersion.V311);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refusal.ResultCode);
        Assert.True(_environment.Log.Has(3010, "the certificate is REVOKED"));
    }

    [Fact]
    public async Task Connect_WrongClientId_RefusedWithClientIdentifierNotValid()
    {
        var thing = await _environment.ProvisionAsync("sensor-004");
        await using var client = MqttTestClient.Create(thing);

        var refusal = await client.ConnectAsync(_environment, "sensor-999");

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, refusal.ResultCode);
        Assert.True(_environment.Log.Has(3010, "'sensor-004'"));
    }

    [Fact]
    public async Task Connect_CertificateWithoutThing_RefusedWithNotAuthorized()
    {
        var thing = await _environment.ProvisionAsync("sensor-005", attachThing: false);
        await using var client = MqttTestClient.Create(thing);

        var refusal = await client.ConnectAsync(_environment, thing.ThingName);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refusal.ResultCode);
        Assert.True(_environment.Log.Has(3010, "not attached to a thing"));
    }

    [Fact]
    public async Task Connect_PolicyDeniesConnect_RefusedWithNotAuthorized()
    {
        const string denyConnect = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iot:*","Resource":"*"},
              {"Effect":"Deny","Action":"iot:Connect","Resource":"arn:aws:iot:*:*:client/${iot:ClientId}"}]}
            """;
        var thing = await _environment.ProvisionAsync("sensor-006", policyName: "deny-connect", policyDocument: denyConnect);
        await using var client = MqttTestClient.Create(thing);

        var refusal = await client.ConnectAsync(_environment, thing.ThingName);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refusal.ResultCode);
        Assert.True(_environment.Log.Has(3010, "explicit Deny"));
    }

    [Fact]
    public async Task Connect_ForeignCaCertificate_FailsTheTlsHandshake()
    {
        var foreign = await _environment.ForeignCertificateAsync("sensor-007");
        await using var client = MqttTestClient.Create(foreign);

        await Assert.ThrowsAnyAsync<MqttCommunicationException>(() => client.ConnectAsync(_environment, foreign.ThingName));

        Assert.False(client.Client.IsConnected);
        Assert.True(_environment.Log.Has(3003, foreign.CertificateId));
    }

    [Fact]
    public async Task Connect_NoClientCertificate_FailsTheTlsHandshake()
    {
        await using var client = MqttTestClient.Create(identity: null);

        await Assert.ThrowsAnyAsync<MqttCommunicationException>(() => client.ConnectAsync(_environment, "sensor-008"));

        Assert.False(client.Client.IsConnected);
        Assert.Contains(_environment.Log.Entries, entry => entry.EventId == 3002);
    }

    [Fact]
    public async Task Publish_OtherThingsTopicMqtt5AtLeastOnce_AnsweredNotAuthorized()
    {
        var thing = await _environment.ProvisionAsync("sensor-009");
        await using var client = MqttTestClient.Create(thing);
        await client.ConnectAsync(_environment, thing.ThingName);

        var result = await client.Client.PublishStringAsync("things/sensor-other/telemetry", "x", MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        Assert.True(client.Client.IsConnected);
        Assert.True(_environment.Log.Has(3020, "things/sensor-other/telemetry"));
    }

    [Fact]
    public async Task Publish_OtherThingsTopicMqtt311_ClosesTheConnection()
    {
        var thing = await _environment.ProvisionAsync("sensor-010");
        await using var client = MqttTestClient.Create(thing);
        await client.ConnectAsync(_environment, thing.ThingName, MqttProtocolVersion.V311);

        // MQTT 3.1.1 has no way to refuse a PUBLISH but closing the connection (as AWS IoT Core does).
        await Assert.ThrowsAnyAsync<Exception>(() => client.Client.PublishStringAsync("things/sensor-other/telemetry", "x", MqttQualityOfServiceLevel.AtLeastOnce));
        await client.Disconnected.Task.WaitAsync(MessageTimeout);

        Assert.False(client.Client.IsConnected);
        Assert.True(_environment.Log.Has(3020, "connection closed"));
    }

    [Theory]
    [InlineData("#")]
    [InlineData("things/sensor-other/#")]
    public async Task Subscribe_OutsideOwnTopics_AnsweredNotAuthorized(string filter)
    {
        var thing = await _environment.ProvisionAsync("sensor-011");
        await using var client = MqttTestClient.Create(thing);
        await client.ConnectAsync(_environment, thing.ThingName);

        var result = await client.Client.SubscribeAsync(new MqttTopicFilterBuilder().WithTopic(filter).Build());

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, Assert.Single(result.Items).ResultCode);
        Assert.True(_environment.Log.Has(3021, filter));
    }

    [Fact]
    public async Task Deliver_ReceiverPolicyDeniesReceive_MessageIsDropped()
    {
        const string noReceive = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["iot:Connect","iot:Publish","iot:Subscribe","iot:Receive"],"Resource":"*"},
              {"Effect":"Deny","Action":"iot:Receive","Resource":"arn:aws:iot:*:*:topic/things/${iot:Connection.Thing.ThingName}/secret"}]}
            """;
        var thing = await _environment.ProvisionAsync("sensor-012", policyName: "no-secret-receive", policyDocument: noReceive);
        await using var client = MqttTestClient.Create(thing);
        await client.ConnectAsync(_environment, thing.ThingName);
        await client.Client.SubscribeAsync(new MqttTopicFilterBuilder().WithTopic("things/sensor-012/#").WithAtLeastOnceQoS().Build());

        await client.Client.PublishStringAsync("things/sensor-012/secret", "hidden", MqttQualityOfServiceLevel.AtLeastOnce);
        await client.Client.PublishStringAsync("things/sensor-012/public", "visible", MqttQualityOfServiceLevel.AtLeastOnce);
        var first = await client.NextMessageAsync(MessageTimeout);

        // Deliveries to one subscriber keep their order: "public" arriving first means "secret" was dropped.
        Assert.NotNull(first);
        Assert.Equal("things/sensor-012/public", first.Topic);
        Assert.True(_environment.Log.Has(3022, "things/sensor-012/secret"));
    }

    [Fact]
    public async Task SetCertificateStatus_FromAnotherRegistryWhileConnected_DisconnectsWithinOneSecond()
    {
        var thing = await _environment.ProvisionAsync("sensor-013");
        await using var client = MqttTestClient.Create(thing);
        await client.ConnectAsync(_environment, thing.ThingName);
        var cli = _environment.OpenSecondRegistry();

        var stopwatch = Stopwatch.StartNew();
        Assert.True(await cli.SetCertificateStatusAsync(thing.CertificateId, CertificateStatus.Revoked, CancellationToken.None));
        var disconnected = await client.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"disconnected after {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, disconnected.Reason);
        Assert.True(_environment.Log.Has(3030, thing.CertificateId));

        await using var again = MqttTestClient.Create(thing);
        var refusal = await again.ConnectAsync(_environment, thing.ThingName);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refusal.ResultCode);
    }

    [Fact]
    public async Task SetCertificateStatus_InactiveWhileConnectedMqtt311_ClosesTheConnection()
    {
        var thing = await _environment.ProvisionAsync("sensor-014");
        await using var client = MqttTestClient.Create(thing);
        await client.ConnectAsync(_environment, thing.ThingName, MqttProtocolVersion.V311);

        var stopwatch = Stopwatch.StartNew();
        await _environment.OpenSecondRegistry().SetCertificateStatusAsync(thing.CertificateId, CertificateStatus.Inactive, CancellationToken.None);
        await client.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"disconnected after {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(_environment.Log.Has(3030, "Inactive"));
    }
}
