using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using Secretless.Core.Provisioning;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Replication;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Mqtt;

namespace Secretless.Local.Tests.Replication;

/// <summary>
/// A real broker enforcing region B's registry while the certificate is registered and revoked in
/// region A: B refuses it until the registration is replicated, then closes its live session when
/// A's revocation arrives.
/// </summary>
public sealed class ReplicatedRegistryBrokerTests : IAsyncLifetime
{
    private BrokerTestEnvironment _regionB = null!;

    public async Task InitializeAsync() => _regionB = await BrokerTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _regionB.DisposeAsync();

    [Fact]
    public async Task Connect_RegisteredInAOnly_RefusedUntilReplicatedThenClosedByARevocation()
    {
        var regionA = new SqliteThingRegistry(
            SqliteDatabase.Open(_regionB.DataDirectory.RegionDatabasePath("eu-west-1"), TimeProvider.System), new LocalStackOptions(), TimeProvider.System);
        var thing = await _regionB.ProvisionAsync("sensor-101", register: false);
        using (var certificate = X509CertificateLoader.LoadCertificateFromFile(thing.CertificatePath))
        {
            await regionA.RegisterCertificateAsync(certificate.RawData, CancellationToken.None);
        }

        await regionA.EnsureThingAsync(thing.ThingName, CancellationToken.None);
        await regionA.EnsurePolicyAsync(BrokerTestEnvironment.PolicyName, ProductLinePolicy.DefaultDocument, CancellationToken.None);
        await regionA.AttachPolicyAsync(BrokerTestEnvironment.PolicyName, thing.CertificateId, CancellationToken.None);
        await regionA.AttachThingPrincipalAsync(thing.ThingName, thing.CertificateId, CancellationToken.None);
        await using var replicator = new RegionReplicator(
            [new ReplicationRegion("eu-west-1", regionA), new ReplicationRegion("us-east-1", _regionB.Registry)],
            new RegionReplicatorOptions(),
            TimeProvider.System,
            NullLogger<RegionReplicator>.Instance);

        await using (var early = MqttTestClient.Create(thing))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await early.ConnectAsync(_regionB, thing.ThingName)).ResultCode);
        }

        await replicator.ReplicateOnceAsync(CancellationToken.None);
        await using var client = MqttTestClient.Create(thing);
        Assert.Equal(MqttClientConnectResultCode.Success, (await client.ConnectAsync(_regionB, thing.ThingName)).ResultCode);

        await regionA.SetCertificateStatusAsync(thing.CertificateId, CertificateStatus.Revoked, CancellationToken.None);
        Assert.False(client.Disconnected.Task.IsCompleted);
        await replicator.ReplicateOnceAsync(CancellationToken.None);

        var disconnected = await client.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, disconnected.Reason);
    }
}
