using System.Security.Cryptography;
using Secretless.Device.Tests.Support;
using Secretless.Server.Tests.Support;
using Secretless.Device.Simulation;

namespace Secretless.Device.Tests;

/// <summary>
/// The answer to <c>POST /new</c> is lost after the server issued: the device re-sends the same
/// CSR and gets the same certificate. Plain HTTP here, so "100 bytes into the answer" is exact.
/// </summary>
public sealed class ResendAfterLostAnswerTests
{
    [Fact]
    public async Task ProvisionAsync_AnswerCutMidResponse_ResendsSameCsrAndGetsSameCertificateId()
    {
        await using var server = await RunningServer.StartAsync(https: false);
        var fleet = await ServerDatabase.ImportFleetAsync(server, "cut", 1);
        using var key = fleet[0].Key;
        await using var proxy = FaultInjectingProxy.Start(server.BaseUri, new FaultInjectingProxyOptions
        {
            // GET /ca passes; the answer to POST /new dies 100 bytes in; the retry passes.
            Script = [ProxyFault.Pass, ProxyFault.CutAfter(100)],
        });
        using var http = new HttpClient(new ConnectionCloseHandler(new SocketsHttpHandler()));
        var policy = new ProvisioningRetryPolicy { InitialDelay = TimeSpan.FromMilliseconds(5), Deadline = TimeSpan.FromMinutes(1) };

        var result = await new ResilientProvisioningClient(http, policy).ProvisionAsync(
            "cut-000", key, proxy.Rewrite(server.BaseUri), null, CancellationToken.None);

        Assert.Equal(1, proxy.Cut);
        Assert.Equal(3, proxy.Connections);
        Assert.Equal(1, result.Retries);
        var row = Assert.Single(await ServerDatabase.ReadLedgerAsync(server));
        Assert.Equal(ServerDatabase.CompletedState, row.State);
        Assert.Equal(row.CertificateId, result.Certificate.CertificateId);
        var certificate = Assert.Single(await ServerDatabase.ReadCertificatesAsync(server));
        Assert.Equal(result.Certificate.CertificateId, certificate.CertificateId);
    }

    [Fact]
    public async Task ProvisionAsync_ConnectionDroppedBeforeRequest_RetriesAndNothingReachedTheServerFirst()
    {
        await using var server = await RunningServer.StartAsync(https: false);
        var fleet = await ServerDatabase.ImportFleetAsync(server, "drop", 1);
        using var key = fleet[0].Key;
        await using var proxy = FaultInjectingProxy.Start(server.BaseUri, new FaultInjectingProxyOptions
        {
            Script = [ProxyFault.Drop, ProxyFault.Pass, ProxyFault.Drop, ProxyFault.Drop],
        });
        using var http = new HttpClient(new ConnectionCloseHandler(new SocketsHttpHandler()));
        var policy = new ProvisioningRetryPolicy { InitialDelay = TimeSpan.FromMilliseconds(5), Deadline = TimeSpan.FromMinutes(1) };

        var result = await new ResilientProvisioningClient(http, policy).ProvisionAsync(
            "drop-000", key, proxy.Rewrite(server.BaseUri), null, CancellationToken.None);

        Assert.Equal(3, proxy.Dropped);
        Assert.Equal(3, result.Retries);
        Assert.Equal(5, result.Attempts);
        Assert.Single(await ServerDatabase.ReadLedgerAsync(server));
    }
}
