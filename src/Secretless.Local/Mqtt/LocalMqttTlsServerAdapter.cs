using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace Secretless.Local.Mqtt;

/// <summary>
/// The broker's TLS listener in place of MQTTnet's own: MQTTnet 5.2 hands SslStream a bare
/// certificate, so the issuing CA never reached the client and a device trusting only the root (the
/// usual firmware trust anchor, which outlives every <c>ca rotate</c>) could not connect. Here each
/// handshake uses the server certificate's <see cref="SslStreamCertificateContext"/> (certificate
/// plus issuing CA), read from the PKI per connection; the TLS stream is then handed to MQTTnet's
/// channel adapter, so everything after the handshake is MQTTnet's as before.
/// </summary>
internal sealed class LocalMqttTlsServerAdapter : IMqttServerAdapter
{
    // A client that opens TCP and never finishes the handshake must not hold a socket forever.
    private static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _handshakeTimeout;
    private readonly IPEndPoint _endPoint;
    private readonly Func<SslStreamCertificateContext> _serverCertificate;
    private readonly RemoteCertificateValidationCallback _validateClient;
    private readonly ILogger _logger;
    private Socket? _listener;
    private CancellationTokenSource? _stopping;
    private Task? _accepting;
    private IMqttNetLogger _mqttLogger = MqttNetNullLogger.Instance;
    private MqttServerOptions? _options;

    public LocalMqttTlsServerAdapter(
        IPEndPoint endPoint,
        Func<SslStreamCertificateContext> serverCertificate,
        RemoteCertificateValidationCallback validateClient,
        ILogger logger,
        TimeSpan? handshakeTimeout = null)
    {
        _handshakeTimeout = handshakeTimeout ?? DefaultHandshakeTimeout;
        _endPoint = endPoint;
        _serverCertificate = serverCertificate;
        _validateClient = validateClient;
        _logger = logger;
    }

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <summary>The port bound by <see cref="StartAsync"/> (the chosen one when the end point's port is 0).</summary>
    public int BoundPort { get; private set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_listener is not null)
        {
            throw new InvalidOperationException("The MQTT TLS listener is already started.");
        }

        var listener = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                listener.DualMode = false; // one address family only, as configured
            }

            listener.Bind(_endPoint);
            listener.Listen(options.DefaultEndpointOptions.ConnectionBacklog);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _options = options;
        _mqttLogger = logger ?? MqttNetNullLogger.Instance;
        _listener = listener;
        BoundPort = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _stopping = new CancellationTokenSource();
        _accepting = AcceptAsync(listener, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_listener is null)
        {
            return;
        }

        await _stopping!.CancelAsync();
        _listener.Dispose();
        await _accepting!;
        _stopping.Dispose();
        _listener = null;
        _stopping = null;
        _accepting = null;
        BoundPort = 0;
    }

    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    private async Task AcceptAsync(Socket listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping);
            }
            catch (Exception exception) when (stopping.IsCancellationRequested && exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                // A connection reset before it was accepted concerns that client only.
                LocalMqttBrokerLog.AcceptFailed(_logger, exception);
                continue;
            }

            _ = Task.Run(() => ServeAsync(client, stopping), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stopping)
    {
        // Runs detached from the accept loop: nothing may escape, or it would go unobserved. The
        // socket closes in finally, after a failure is logged.
        EndPoint? remote = null;
        SslStream? tls = null;
        try
        {
            remote = client.RemoteEndPoint;
            var local = client.LocalEndPoint;
            client.NoDelay = true;
            tls = new SslStream(new NetworkStream(client, ownsSocket: true), leaveInnerStreamOpen: false);
            if (!await TryHandshakeAsync(tls, remote, stopping))
            {
                return;
            }

            using var clientCertificate = tls.RemoteCertificate is { } certificate ? new X509Certificate2(certificate) : null;
            using var channel = new MqttTcpChannel(tls, local!, remote!, clientCertificate);
            using var adapter = new MqttChannelAdapter(
                channel,
                new MqttPacketFormatterAdapter(new MqttBufferWriter(_options!.WriterBufferSize, _options.WriterBufferSizeMax)),
                _mqttLogger);
            if (ClientHandler is { } handler)
            {
                await handler(adapter);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the broker is stopping: MQTTnet has already ended the session.
        }
#pragma warning disable CA1031 // A failure of one connection must not go unobserved or reach the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LocalMqttBrokerLog.ConnectionFailed(_logger, exception, remote);
        }
        finally
        {
            if (tls is not null)
            {
                await tls.DisposeAsync();
            }

            client.Dispose();
        }
    }

    private async Task<bool> TryHandshakeAsync(SslStream tls, EndPoint? remote, CancellationToken stopping)
    {
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            handshake.CancelAfter(_handshakeTimeout);
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = _serverCertificate(),
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = _validateClient,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                },
                handshake.Token);
            return true;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException or OperationCanceledException or SocketException)
        {
            // The validator already logged why a certificate was refused; this is the transport's side.
            LocalMqttBrokerLog.HandshakeFailed(_logger, remote, exception.Message);
            return false;
        }
    }
}
