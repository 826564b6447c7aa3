using System.Net;
using System.Net.Sockets;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// A TCP port free on 127.0.0.1 right now, for the demo's MQTT endpoint: its address must be known
/// before the server starts, because <c>/new</c> returns it to devices.
/// </summary>
internal static class FreeLoopbackPort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
