using System.Collections.Concurrent;
using System.Security.Cryptography;
using Secretless.Device.Tests.Support;
using Secretless.Server.Tests.Support;
using Secretless.Device.Simulation;

namespace Secretless.Device.Tests;

/// <summary>
/// Devices on a bad network: the real server (HTTPS, SQLite, local PKI) behind a fault-injecting
/// TCP proxy that drops connections, cuts answers in the middle and delays them.
/// </summary>
public sealed class FleetUnderFaultsTests
{
    private static readonly ProvisioningRetryPolicy FleetPolicy = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(500),
        Deadline = TimeSpan.FromMinutes(3),
        AttemptTimeout = TimeSpan.FromSeconds(15),
    };

    [Fact]
    public async Task ProvisionAsync_200DevicesThrough30PercentFaults_EachGetsExactlyOneCertificate()
    {
        await using var server = await RunningServer.StartAsync();
        var fleet = await ServerDatabase.ImportFleetAsync(server, "fleet", 200);
        await using var proxy = FaultInjectingProxy.Start(server.BaseUri, new FaultInjectingProxyOptions
        {
            Seed = 20240601,
            FaultRate = 0.3,
            CutAfterMaxBytes = 6000,
            MaxDelay = TimeSpan.FromMilliseconds(150),
        });
        using var http = new HttpClient(new ConnectionCloseHandler(DeviceHttpHandlerFactory.Create(server.CaChainPem)));
        var client = new ResilientProvisioningClient(http, FleetPolicy, random: new Random(11));
        var results = new ConcurrentDictionary<string, ResilientProvisioningResult>();

        try
        {
            await Parallel.ForEachAsync(
                fleet,
                new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (device, cancellationToken) =>
                    results[device.DeviceId] = await client.ProvisionAsync(
                        device.DeviceId, device.Key, proxy.Rewrite(server.BaseUri), null, cancellationToken));
        }
        finally
        {
            foreach (var device in fleet)
            {
                device.Key.Dispose();
            }
        }

        Assert.Equal(200, results.Count);
        Assert.True(proxy.Dropped > 0 && proxy.Cut > 0 && proxy.Delayed > 0, $"dropped {proxy.Dropped}, cut {proxy.Cut}, delayed {proxy.Delayed}");
        Assert.True(results.Values.Sum(result => result.Retries) >= proxy.Dropped, "every dropped connection costs a retry");

        var certificates = await ServerDatabase.ReadCertificatesAsync(server);
        Assert.Equal(200, certificates.Count);
        Assert.Equal(200, certificates.Select(certificate => certificate.Subject).Distinct().Count());

        var ledger = await ServerDatabase.ReadLedgerAsync(server);
        Assert.Equal(200, ledger.Count);
        Assert.All(ledger, row =>
        {
            Assert.Equal(ServerDatabase.CompletedState, row.State);
            Assert.Equal(results[row.DeviceId].Certificate.CertificateId, row.CertificateId);
        });
    }
}
