using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;
using Secretless.Local.Pki;
using Secretless.Local.Registry;

namespace Secretless.Local.Mqtt;

/// <summary>
/// The embedded IoT endpoint: an MQTTnet broker on one TLS-only endpoint that enforces the local
/// registry the way AWS IoT Core does. The TLS handshake requires a client certificate chaining to
/// the local PKI; CONNECT requires it to be registered, ACTIVE, attached to a thing whose name is
/// the client id, and allowed <c>iot:Connect</c>; every publish, subscribe and delivery is checked
/// against the certificate's policies; a status change closes live sessions within 1 s.
/// </summary>
public sealed partial class LocalMqttBroker : IHostedService, IAsyncDisposable
{
    private readonly LocalPki _pki;
    private readonly SqliteThingRegistry _registry;
    private readonly LocalMqttBrokerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LocalMqttBroker> _logger;

    // Accepted connections by client id (MQTT allows one live connection per client id).
    private readonly ConcurrentDictionary<string, MqttSessionContext> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lifecycle = new(1, 1);

    private MqttServer? _server;
    private CancellationTokenSource? _stopping;
    private Task? _statusWatcher;
    private int _disposed;

    public LocalMqttBroker(
        LocalPki pki,
        SqliteThingRegistry registry,
        LocalMqttBrokerOptions options,
        TimeProvider timeProvider,
        ILogger<LocalMqttBroker> logger)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _pki = pki;
        _registry = registry;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The TCP port the TLS endpoint listens on once started (the chosen one when <see cref="LocalMqttBrokerOptions.Port"/> is 0); 0 before.</summary>
    public int BoundPort { get; private set; }

    /// <summary>True between a successful <see cref="StartAsync"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => _server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_server is not null)
            {
                return;
            }

            // Start the feed where it is now: earlier changes concern no session of this process,
            // and every CONNECT reads the certificate's current status anyway.
            _processedSequence = await _registry.ReadLatestStatusChangeSequenceAsync(cancellationToken);
            var bindAddress = IPAddress.Parse(_options.BindAddress);
            var serverCertificate = new BrokerServerCertificateProvider(_pki, ServerDnsNames().ToArray(), ServerAddresses(bindAddress).ToArray());

            // Both read the PKI per handshake, so a CA rotation or revocation needs no restart.
            var validator = new ClientCertificateValidator(_pki, _timeProvider, _logger);
            var listener = new LocalMqttTlsServerAdapter(
                new IPEndPoint(bindAddress, _options.Port), serverCertificate.GetContext, validator.Validate, _logger);
            var server = new MqttServerFactory().CreateMqttServer(BuildServerOptions(), [listener]);
            server.ValidatingConnectionAsync += ValidateConnectionAsync;
            server.ClientConnectedAsync += OnClientConnectedAsync;
            server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
            server.InterceptingPublishAsync += InterceptPublishAsync;
            server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
            server.InterceptingClientEnqueueAsync += InterceptDeliveryAsync;
            server.InterceptingOutboundPacketAsync += InterceptOutboundPacketAsync;
            try
            {
                await server.StartAsync();
            }
            catch
            {
                server.Dispose();
                throw;
            }

            _server = server;
            BoundPort = listener.BoundPort;
            _stopping = new CancellationTokenSource();
            _statusWatcher = WatchCertificateStatusAsync(_stopping.Token);
            LocalMqttBrokerLog.Started(_logger, bindAddress, BoundPort);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_server is null)
            {
                return;
            }

            await _stopping!.CancelAsync();
            await _statusWatcher!;
            await _server.StopAsync();
            _server.Dispose();
            _server = null;
            _stopping.Dispose();
            _stopping = null;
            _statusWatcher = null;
            _sessions.Clear();
            BoundPort = 0;
            LocalMqttBrokerLog.Stopped(_logger);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the broker; safe to call more than once (DI disposes it as itself and as a hosted service).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        _lifecycle.Dispose();
    }

    // No MQTTnet endpoint at all: the only listener is LocalMqttTlsServerAdapter (TLS only, the
    // issuing CA sent in the handshake, client certificates checked by ClientCertificateValidator).
    private static MqttServerOptions BuildServerOptions() => new MqttServerOptionsBuilder().WithoutDefaultEndpoint().Build();

    private static IEnumerable<string> ServerDnsNames()
    {
        yield return "localhost";
        var hostName = Dns.GetHostName();
        if (!string.IsNullOrWhiteSpace(hostName))
        {
            yield return hostName;
        }
    }

    // The same names the HTTPS server asks for by default, so both share one server certificate
    // instead of reissuing it on every start.
    private static IEnumerable<IPAddress> ServerAddresses(IPAddress bindAddress)
    {
        yield return IPAddress.Loopback;
        yield return IPAddress.IPv6Loopback;
        if (!IPAddress.IsLoopback(bindAddress) && !bindAddress.Equals(IPAddress.Any) && !bindAddress.Equals(IPAddress.IPv6Any))
        {
            yield return bindAddress;
        }
    }
}
