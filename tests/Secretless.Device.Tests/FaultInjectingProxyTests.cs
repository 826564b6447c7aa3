using System.Security.Cryptography;
using Secretless.Device.Tests.Support;
using Secretless.Device.Simulation;

namespace Secretless.Device.Tests;

public sealed class FaultInjectingProxyTests
{
    [Fact]
    public async Task Start_SameSeed_SameFaultsForTheSameRequests()
    {
        using var ca = new TestCertificateAuthority("Proxy");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var server = await CraftedServer.StartAsync(
            ca.ChainPem, CraftedServer.Issue(ca.IssueLeafPem(key, "dev-1"), ca.Issuer.ExportCertificatePem()));
        var options = new FaultInjectingProxyOptions
        {
            Seed = 99,
            FaultRate = 0.5,
            CutAfterMinBytes = 10,
            CutAfterMaxBytes = 400,
            MaxDelay = TimeSpan.FromMilliseconds(20),
        };

        var first = await RunRequestsAsync(server.BaseUri, options);
        var second = await RunRequestsAsync(server.BaseUri, options);

        Assert.Equal(first, second);
        Assert.True(first.Dropped > 0 && first.Cut > 0 && first.Delayed > 0, first.ToString());
        Assert.Equal(first.Pattern.Count(outcome => outcome == '-'), first.Dropped + first.Cut);
    }

    [Fact]
    public async Task Start_NoFaults_ForwardsEveryAnswerWhole()
    {
        using var ca = new TestCertificateAuthority("Proxy");
        await using var server = await CraftedServer.StartAsync(ca.ChainPem, context => Task.CompletedTask);
        await using var proxy = FaultInjectingProxy.Start(server.BaseUri, new FaultInjectingProxyOptions());
        using var http = new HttpClient(new ConnectionCloseHandler(new SocketsHttpHandler()));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ca.ChainPem, await http.GetStringAsync(new Uri(proxy.Rewrite(server.BaseUri), "ca")));
        }

        await proxy.DisposeAsync();
        Assert.Equal((5, 5, 0, 0, 0), (proxy.Connections, proxy.Passed, proxy.Dropped, proxy.Cut, proxy.Delayed));
    }

    [Fact]
    public async Task Start_TargetDown_ResetsTheClientAndCountsItUnreachable()
    {
        // A port that was just listened on and closed: nothing is there, as for a server that was killed.
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var target = (System.Net.IPEndPoint)closed.LocalEndpoint;
        closed.Stop();
        await using var proxy = FaultInjectingProxy.Start(target, new FaultInjectingProxyOptions());
        using var http = new HttpClient(new ConnectionCloseHandler(new SocketsHttpHandler()));

        await Assert.ThrowsAnyAsync<Exception>(() => http.GetStringAsync(new Uri($"http://127.0.0.1:{proxy.Port}/ca")));

        await proxy.DisposeAsync();
        Assert.Equal((1, 1, 0), (proxy.Connections, proxy.Unreachable, proxy.Passed));
    }

    private static async Task<(string Pattern, int Dropped, int Cut, int Delayed)> RunRequestsAsync(Uri target, FaultInjectingProxyOptions options)
    {
        await using var proxy = FaultInjectingProxy.Start(target, options);
        using var http = new HttpClient(new ConnectionCloseHandler(new SocketsHttpHandler()));
        var pattern = new System.Text.StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            try
            {
                await http.GetStringAsync(new Uri(proxy.Rewrite(target), "ca"));
                pattern.Append('+');
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Net.Sockets.SocketException)
            {
                // A connection reset right after accept can surface from SocketsHttpHandler as a bare
                // SocketException (reading RemoteEndPoint of a dead socket) instead of an
                // HttpRequestException; both are the same dropped connection.
                pattern.Append('-');
            }
        }

        return (pattern.ToString(), proxy.Dropped, proxy.Cut, proxy.Delayed);
    }
}
