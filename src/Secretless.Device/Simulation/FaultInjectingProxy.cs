using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Secretless.Device.Simulation;

/// <summary>
/// A real TCP proxy on 127.0.0.1 (port 0) in front of a target endpoint. It forwards raw bytes,
/// so TLS runs end to end between client and target, and it decides per connection (seeded,
/// in accept order) whether to pass it, drop it before any request byte is forwarded, cut it
/// after N answer bytes, or delay it — the poor network a device in the field lives with.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly FaultInjectingProxyOptions _options;
    private readonly Random _random;
    private readonly Lock _decisionGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, Socket> _openSockets = new();
    private readonly ConcurrentDictionary<int, Task> _connections = new();
    private readonly Task _acceptLoop;
    private int _nextSocketId;
    private int _connectionCount;
    private int _passed;
    private int _dropped;
    private int _cut;
    private int _delayed;
    private int _unreachable;
    private int _disposed;

    private FaultInjectingProxy(IPEndPoint target, FaultInjectingProxyOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FaultRate, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.FaultRate, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CutAfterMinBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CutAfterMaxBytes, options.CutAfterMinBytes);
        _target = target;
        _options = options;
        _random = new Random(options.Seed);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The proxy's own port on 127.0.0.1.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connectionCount);

    /// <summary>
    /// Connections forwarded without a drop or cut (delayed ones included). Counted when the
    /// connection is torn down, which may be just after the client saw its answer; final after
    /// <see cref="DisposeAsync"/>.
    /// </summary>
    public int Passed => Volatile.Read(ref _passed);

    /// <summary>Connections reset before a request byte was forwarded.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Connections reset after part of the target's answer (a cut that never reached its byte count is a pass).</summary>
    public int Cut => Volatile.Read(ref _cut);

    /// <summary>Connections held back before being forwarded.</summary>
    public int Delayed => Volatile.Read(ref _delayed);

    /// <summary>Connections reset because the target refused or could not be reached (a server that is down).</summary>
    public int Unreachable => Volatile.Read(ref _unreachable);

    /// <summary>Starts a proxy in front of <paramref name="target"/>.</summary>
    public static FaultInjectingProxy Start(IPEndPoint target, FaultInjectingProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        return new FaultInjectingProxy(target, options);
    }

    /// <summary>Starts a proxy in front of the host and port of <paramref name="target"/> (an IP literal).</summary>
    public static FaultInjectingProxy Start(Uri target, FaultInjectingProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Start(new IPEndPoint(IPAddress.Parse(target.Host), target.Port), options);
    }

    /// <summary>The same URI, pointed at the proxy (scheme, host and path kept, so TLS host checks still hold).</summary>
    public Uri Rewrite(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return new UriBuilder(uri) { Port = Port }.Uri;
    }

    /// <summary>Stops accepting, resets every open connection and waits for them: counters are final afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var socket in _openSockets.Values)
        {
            Reset(socket);
        }

        await SwallowAsync(_acceptLoop);
        await Task.WhenAll(_connections.Values.Select(SwallowAsync));
        _stopping.Dispose();
    }

    private ProxyFault NextFault(int connectionIndex)
    {
        if (connectionIndex < _options.Script.Count)
        {
            return _options.Script[connectionIndex];
        }

        // One lock around the shared Random keeps the sequence a pure function of the seed.
        lock (_decisionGate)
        {
            if (_random.NextDouble() >= _options.FaultRate)
            {
                return ProxyFault.Pass;
            }

            return _random.Next(3) switch
            {
                0 => ProxyFault.Drop,
                1 => ProxyFault.CutAfter(_random.Next(_options.CutAfterMinBytes, _options.CutAfterMaxBytes + 1)),
                _ => ProxyFault.Delayed(_options.MaxDelay * _random.NextDouble()),
            };
        }
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

            var index = Interlocked.Increment(ref _connectionCount) - 1;
            var fault = NextFault(index);
            var task = HandleAsync(client, fault);
            _connections[index] = task;
            _ = task.ContinueWith(_ => _connections.TryRemove(index, out Task? _), TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(Socket client, ProxyFault fault)
    {
        var clientId = Track(client);
        Socket? upstream = null;
        int? upstreamId = null;
        try
        {
            if (fault.Kind == ProxyFaultKind.DropBeforeRequest)
            {
                Interlocked.Increment(ref _dropped);
                Reset(client);
                return;
            }

            if (fault.Kind == ProxyFaultKind.Delay)
            {
                Interlocked.Increment(ref _delayed);
                await Task.Delay(fault.DelayBy, _stopping.Token);
            }

            upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            upstreamId = Track(upstream);
            try
            {
                await upstream.ConnectAsync(_target, _stopping.Token);
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _unreachable);
                throw;
            }

            var limit = fault.Kind == ProxyFaultKind.CutMidResponse ? fault.CutAfterBytes : long.MaxValue;
            var upload = PumpAsync(client, upstream, long.MaxValue);
            var download = PumpAsync(upstream, client, limit);
            var pumps = new List<Task<ProxyPumpEnd>> { upload, download };
            while (pumps.Count > 0)
            {
                var finished = await Task.WhenAny(pumps);
                pumps.Remove(finished);
                var end = await finished;
                if (end == ProxyPumpEnd.LimitReached)
                {
                    Interlocked.Increment(ref _cut);
                    Reset(client);
                    Reset(upstream);
                    await Task.WhenAll(pumps);
                    return;
                }

                if (end == ProxyPumpEnd.Failed)
                {
                    // One side broke: break the other too, or its pump would wait forever.
                    Reset(client);
                    Reset(upstream);
                }
            }

            Interlocked.Increment(ref _passed);
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Reset(client);
            if (upstream is not null)
            {
                Reset(upstream);
            }
        }
        finally
        {
            Untrack(clientId, client);
            if (upstreamId is { } id)
            {
                Untrack(id, upstream!);
            }
        }
    }

    // Copies until end of stream (then half-closes the other side, as TCP would), a failure, or
    // the byte limit: at the limit the caller resets both sides, mid-answer.
    private async Task<ProxyPumpEnd> PumpAsync(Socket from, Socket to, long limit)
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
                    return ProxyPumpEnd.EndOfStream;
                }

                var allowed = (int)Math.Min(read, limit - forwarded);
                await to.SendAsync(buffer.AsMemory(0, allowed), SocketFlags.None, _stopping.Token);
                forwarded += allowed;
                if (forwarded >= limit)
                {
                    return ProxyPumpEnd.LimitReached;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            return ProxyPumpEnd.Failed;
        }
    }

    private int Track(Socket socket)
    {
        var id = Interlocked.Increment(ref _nextSocketId);
        _openSockets[id] = socket;
        return id;
    }

    private void Untrack(int id, Socket socket)
    {
        _openSockets.TryRemove(id, out _);
        socket.Dispose();
    }

    // Linger 0 makes Close send a RST: the peer sees a connection reset, not a tidy end.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already gone: nothing left to reset.
        }
    }

    private static async Task SwallowAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Shutting down: connection tasks end with whatever the reset caused.
        }
    }
}
