using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Secretless.Device.Tests.Support;
using Secretless.Server.Tests.Support;
using Secretless.Device.Simulation;

namespace Secretless.Device.Tests;

/// <summary><c>device-delivery: url</c> against the real server: 202, then the pre-signed URL until 200.</summary>
public sealed class LatentDeliveryTests
{
    private static readonly ProvisioningRetryPolicy FastPolicy = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(500),
        Deadline = TimeSpan.FromMinutes(3),
        AttemptTimeout = TimeSpan.FromSeconds(15),
    };

    [Fact]
    public async Task ProvisionAsync_DeliveryUrl_FollowsTheCertificateUrlToAVerifiedCertificate()
    {
        await using var server = await RunningServer.StartAsync();
        var fleet = await ServerDatabase.ImportFleetAsync(server, "latent", 1);
        using var key = fleet[0].Key;
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(server.CaChainPem));

        var result = await new ResilientProvisioningClient(http, FastPolicy).ProvisionAsync(
            "latent-000", key, server.BaseUri, null, ProvisioningDelivery.Url, CancellationToken.None);

        Assert.True(result.DeliveredByUrl);
        using var leaf = X509Certificate2.CreateFromPem(result.Certificate.CertificatePem);
        Assert.Equal("CN=latent-000", leaf.Subject);
        var row = Assert.Single(await ServerDatabase.ReadLedgerAsync(server));
        Assert.Equal(row.CertificateId, result.Certificate.CertificateId);
    }

    [Fact]
    public async Task ProvisionAsync_DeliveryUrlThrough30PercentFaults_EveryDeviceGetsOneCertificate()
    {
        await using var server = await RunningServer.StartAsync();
        var fleet = await ServerDatabase.ImportFleetAsync(server, "latentfleet", 40);
        await using var proxy = FaultInjectingProxy.Start(server.BaseUri, new FaultInjectingProxyOptions
        {
            Seed = 7,
            FaultRate = 0.3,
            CutAfterMaxBytes = 6000,
            MaxDelay = TimeSpan.FromMilliseconds(150),
        });
        using var http = new HttpClient(new ConnectionCloseHandler(DeviceHttpHandlerFactory.Create(server.CaChainPem)));
        var client = new ResilientProvisioningClient(http, FastPolicy, random: new Random(3));
        var results = new ConcurrentDictionary<string, ResilientProvisioningResult>();

        await Parallel.ForEachAsync(
            fleet,
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (device, cancellationToken) =>
            {
                using var key = device.Key;
                // The certificate URL is absolute and names the server itself; the device reaches it through the proxy too.
                results[device.DeviceId] = await client.ProvisionAsync(
                    device.DeviceId, key, proxy.Rewrite(server.BaseUri), null, ProvisioningDelivery.Url, cancellationToken);
            });

        Assert.Equal(40, results.Count);
        Assert.All(results.Values, result => Assert.True(result.DeliveredByUrl));
        Assert.True(proxy.Connections >= 40 * 3, $"only {proxy.Connections} connections: the certificate URL bypassed the proxy");
        Assert.Equal(40, (await ServerDatabase.ReadCertificatesAsync(server)).Count);
        var ledger = await ServerDatabase.ReadLedgerAsync(server);
        Assert.Equal(40, ledger.Count);
        Assert.All(ledger, row => Assert.Equal(results[row.DeviceId].Certificate.CertificateId, row.CertificateId));
    }
}
