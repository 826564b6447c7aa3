using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Secretless.Core;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Local;
using Secretless.Local.Mqtt;
using Secretless.Server;
using Secretless.Backends;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// The provisioning server, on the configured backends (all embedded by default), and the embedded
/// MQTT endpoint when the registry is the embedded one, started in this process. Shared by <c>serve</c> and <c>demo</c> so the demo runs exactly what users run.
/// </summary>
internal sealed class EmbeddedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedServer(WebApplication app, ServerStartedInfo started, SecretlessDataDirectory dataDirectory, int? mqttPort, BackendSelection backends)
    {
        _app = app;
        Addresses = started.Addresses;
        CaChainPath = started.CaChainPath ?? Path.Combine(dataDirectory.PkiDirectory, "ca-chain.pem");
        MqttListenAddress = mqttPort is { } port ? $"{new LocalMqttBrokerOptions().BindAddress}:{port}" : null;
        Backends = backends;
    }

    /// <summary>The addresses Kestrel is bound to (actual ports when port 0 was asked).</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The PEM chain devices and <c>curl --cacert</c> must trust.</summary>
    public string CaChainPath { get; }

    /// <summary>
    /// Where the embedded MQTT endpoint listens (address:port), TLS with client certificates; null
    /// when the registry is not the embedded one (devices then connect to that registry's endpoint).
    /// </summary>
    public string? MqttListenAddress { get; }

    /// <summary>The backend chosen for each port.</summary>
    public BackendSelection Backends { get; }

    public static async Task<EmbeddedServer> StartAsync(EmbeddedServerSettings settings, CancellationToken cancellationToken)
    {
        ServerStartedInfo? started = null;
        var options = new SecretlessServerOptions
        {
            DataDirectory = settings.DataDirectory.RootPath,
            ConfigureLogging = settings.ConfigureLogging ?? (logging => logging.ClearProviders()),
            OnStarted = info => started = info,
        };
        if (settings.LatentDelivery is not null)
        {
            options.LatentDelivery = settings.LatentDelivery;
        }

        if (settings.Urls.Count > 0)
        {
            options.Urls = settings.Urls;
        }

        var backends = BackendSelection.Embedded;
        var app = SecretlessServer.Build(options, services =>
        {
            // Registers the core before the server's own AddSecretlessCore, which keeps these options.
            backends = services.AddSecretlessBackends(
                settings.Configuration ?? new ConfigurationBuilder().Build(),
                settings.DataDirectory,
                provisioning => provisioning.Validity = settings.Validity ?? provisioning.Validity,
                local => local.MqttEndpoint = settings.MqttEndpoint);
            if (backends.HasLocalRegistry)
            {
                // A hosted service: the web host starts and stops it with Kestrel.
                services.AddLocalMqttBroker(settings.DataDirectory, broker => broker.Port = settings.MqttPort);
            }
        });

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var broker = app.Services.GetService<LocalMqttBroker>();
        return new EmbeddedServer(app, started ?? new ServerStartedInfo(app.GetListeningAddresses(), null), settings.DataDirectory, broker?.BoundPort, backends);
    }

    /// <summary>Completes when the token is cancelled (Ctrl+C) or the host stops itself.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stopTimeout.Token);
        await _app.DisposeAsync();
    }
}
