using System.Net;
using System.Net.Sockets;

namespace Secretless.TestSupport.Emulators;

/// <summary>A loopback port nobody listens on right now, for tools that cannot bind port 0 themselves.</summary>
public static class FreeLoopbackPort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
