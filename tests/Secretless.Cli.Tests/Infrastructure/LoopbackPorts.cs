using System.Net;
using System.Net.Sockets;

namespace Secretless.Cli.Tests.Infrastructure;

/// <summary>A TCP port free on 127.0.0.1 now, for <c>serve --mqtt-port</c> (which must know its port up front).</summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
