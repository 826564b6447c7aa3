using System.Net;
using System.Net.Sockets;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.Local;
using Secretless.TestSupport;
using Secretless.TestSupport.Network;

namespace Secretless.Cli.Tests;

/// <summary>
/// The embedded stack of <c>demo</c> and <c>fleet simulate</c> on a picked MQTT port, when another
/// socket holds the picked port before the broker binds it (a real listener squats on it).
/// </summary>
public sealed class FreeLoopbackPortTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new("secretless-free-port");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task StartEmbeddedServerAsync_PickedPortTaken_PicksAgainAndStartsOnTheNextPort()
    {
        var data = await InitializedDataAsync();
        using var squatter = Squat();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var free = LoopbackPorts.Free();
        var picks = new Queue<int>([taken, free]);

        await using var server = await FreeLoopbackPort.StartEmbeddedServerAsync(port => Settings(data, port), picks.Dequeue, CancellationToken.None);

        Assert.Empty(picks);
        Assert.Equal($"127.0.0.1:{free}", server.MqttListenAddress);
    }

    [Fact]
    public async Task StartEmbeddedServerAsync_EveryPickTaken_GivesUpAfterTheLastAttempt()
    {
        var data = await InitializedDataAsync();
        using var squatter = Squat();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var picks = 0;

        var error = await Assert.ThrowsAsync<SocketException>(() => FreeLoopbackPort.StartEmbeddedServerAsync(
            port => Settings(data, port), () => { picks++; return taken; }, CancellationToken.None));

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
        Assert.Equal(FreeLoopbackPort.Attempts, picks);
    }

    private static TcpListener Squat()
    {
        var listener = new TcpListener(IPAddress.Loopback, LoopbackPorts.Free());
        listener.Start();
        return listener;
    }

    private static EmbeddedServerSettings Settings(string data, int port)
        => new(new SecretlessDataDirectory(data), ["https://127.0.0.1:0"], port, $"localhost:{port}", Validity: null, ConfigureLogging: null);

    private async Task<string> InitializedDataAsync()
    {
        var data = _temp.File("data");
        Assert.Equal(0, (await InProcessCli.RunAsync("pki", "init", "--data", data)).ExitCode);
        return data;
    }
}
