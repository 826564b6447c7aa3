using System.Net;
using System.Net.Sockets;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// The embedded stack on a free loopback MQTT port, for <c>demo</c> and <c>fleet simulate</c>: the
/// endpoint's address must be known before the server starts, because <c>/new</c> returns it to
/// devices, so the port is picked first and bound afterwards.
/// </summary>
internal static class FreeLoopbackPort
{
    /// <summary>Picks before giving up: each retry needs another socket to win the same race again.</summary>
    public const int Attempts = 5;

    /// <summary>
    /// Starts the server on a port free when picked; when another socket got that port from the OS
    /// before the broker bound it, picks another (up to <see cref="Attempts"/> in all).
    /// </summary>
    public static Task<EmbeddedServer> StartEmbeddedServerAsync(Func<int, EmbeddedServerSettings> settingsForPort, CancellationToken cancellationToken)
        => StartEmbeddedServerAsync(settingsForPort, Pick, cancellationToken);

    /// <summary><see cref="StartEmbeddedServerAsync(Func{int, EmbeddedServerSettings}, CancellationToken)"/> with the picking given (tests).</summary>
    internal static async Task<EmbeddedServer> StartEmbeddedServerAsync(
        Func<int, EmbeddedServerSettings> settingsForPort, Func<int> pick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settingsForPort);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await EmbeddedServer.StartAsync(settingsForPort(pick()), cancellationToken);
            }
            catch (SocketException taken) when (taken.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < Attempts)
            {
                // Kestrel listens on port 0, so a taken address here is the broker's: pick again.
            }
        }
    }

    private static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
