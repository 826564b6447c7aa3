using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Secretless.Cli.Fleet;

/// <summary>
/// The poor network of <c>fleet simulate --drop-rate</c>: a TCP proxy on 127.0.0.1 that forwards
/// raw bytes (TLS stays end to end) and, per connection with probability <c>dropRate</c>
/// (seeded), resets it before any request byte reaches the server or cuts it after part of
/// the server's answer. A compact production sibling of the test-support proxy.
/// </summary>
internal sealed class FleetFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly double _dropRate;
    private readonly Random _random;
    private readonly Lock _randomGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly Task _acceptLoop;
    private int _faults;

    public FleetFaultProxy(IPEndPoint target, double dropRate, int seed)
    {
        _target = target;
        _dropRate = dropRate;
        _random = new Random(seed);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections dropped or cut so far.</summary>
    public int Faults => Volatile.Read(ref _faults);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }

        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            long cutAfter;
            lock (_randomGate)
            {
                // -1: pass; 0: drop before the request; n: cut after n answer bytes (inside the
                // TLS handshake or the HTTP answer).
                cutAfter = _random.NextDouble() >= _dropRate ? -1 : _random.Next(2) == 0 ? 0 : _random.Next(1, 6000);
            }

            _ = HandleAsync(client, cutAfter);
        }
    }

    private async Task HandleAsync(Socket client, long cutAfter)
    {
        _open[client] = 0;
        using var upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (cutAfter == 0)
            {
                Interlocked.Increment(ref _faults);
                return;
            }

            _open[upstream] = 0;
            await upstream.ConnectAsync(_target, _stopping.Token);
            var upload = PumpAsync(client, upstream, long.MaxValue);
            var download = PumpAsync(upstream, client, cutAfter < 0 ? long.MaxValue : cutAfter);
            if (!await download)
            {
                Interlocked.Increment(ref _faults);
            }
            else
            {
                await upload;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The connection breaks; the device retries.
        }
        finally
        {
            Reset(client);
            Reset(upstream);
            _open.TryRemove(client, out _);
            _open.TryRemove(upstream, out _);
        }
    }

    // True at end of stream or failure; false when the byte limit cut the answer.
    private async Task<bool> PumpAsync(Socket from, Socket to, long limit)
    {
        var buffer = new byte[16 * 1024];
        long forwarded = 0;
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return true;
                }

                var allowed = (int)Math.Min(read, limit - forwarded);
                await to.SendAsync(buffer.AsMemory(0, allowed), SocketFlags.None, _stopping.Token);
                forwarded += allowed;
                if (forwarded >= limit)
                {
                    return false;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Reset(from);
            Reset(to);
            return true;
        }
    }

    // Linger 0: the peer sees a connection reset, as when a radio link drops.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
