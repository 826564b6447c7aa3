using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Secretless.TestSupport.Network;

/// <summary>
/// Loopback TCP ports nobody listens on, for servers that must be told their port up front
/// (<c>serve --mqtt-port</c>, the emulators) and for "nothing listens here".
/// </summary>
/// <remarks>
/// Taken from below the kernel's ephemeral range. A port the OS handed out for a port-0 listener
/// and the test then released can be handed out again — to another test's port-0 listener or as
/// the local end of any outgoing connection — before the server binds it (seen in CI: "MQTT port
/// … is already in use"). Below the range a port is only taken by an explicit bind. Each process
/// starts at a random slot and walks the slots in turn; a slot is <see cref="SlotWidth"/> ports
/// wide, so <c>serve --regions</c> can give region i the base port + i.
/// </remarks>
public static class LoopbackPorts
{
    /// <summary>The most consecutive ports one call can ask for.</summary>
    public const int SlotWidth = 8;

    private const int FirstPort = 20000;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    private static readonly int SlotCount = (EphemeralRangeStart() - FirstPort) / SlotWidth;
    private static int s_slot = Random.Shared.Next(SlotCount);

    /// <summary>A port free right now that the OS will not hand out by itself.</summary>
    public static int Free() => FreeConsecutive(1);

    /// <summary>The first of <paramref name="count"/> consecutive free ports.</summary>
    public static int FreeConsecutive(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, SlotWidth);
        for (var attempt = 0; attempt < SlotCount; attempt++)
        {
            var slot = (int)((uint)Interlocked.Increment(ref s_slot) % (uint)SlotCount);
            var port = FirstPort + (slot * SlotWidth);
            if (AllBindable(port, count))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free loopback ports between {FirstPort} and the ephemeral range.");
    }

    private static bool AllBindable(int port, int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, port + i);
                listeners.Add(listener);
                listener.Start();
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>The first ephemeral port (Linux: 32768 unless configured); 32768 when unknown or too low to leave room.</summary>
    private static int EphemeralRangeStart()
    {
        const int Default = 32768;
        try
        {
            var fields = File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return fields.Length == 2
                && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                && start >= FirstPort + (100 * SlotWidth)
                ? start
                : Default;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Default;
        }
    }
}
