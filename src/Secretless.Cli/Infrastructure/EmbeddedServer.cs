using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Secretless.Backends;
using Secretless.Local;
using Secretless.Local.Mqtt;
using Secretless.Local.Replication;
using Secretless.Server;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// The provisioning server, on the configured backends (all embedded by default), and the embedded
/// MQTT endpoint when the registry is the embedded one, started in this process. Shared by <c>serve</c> and <c>demo</c> so the demo runs exactly what users run.
/// With named regions (<see cref="EmbeddedServerSettings.Regions"/>) one server and endpoint per
/// region, each over its own registry, and the replicator between them.
/// </summary>
internal sealed partial class EmbeddedServer : IAsyncDisposable
{
    private readonly IReadOnlyList<WebApplication> _apps;
    private readonly RegionReplicator? _replicator;

    private EmbeddedServer(
        IReadOnlyList<WebApplication> apps,
        ServerStartedInfo started,
        SecretlessDataDirectory dataDirectory,
        int? mqttPort,
        BackendSelection backends,
        IReadOnlyList<EmbeddedRegion> regions,
        RegionReplicator? replicator)
    {
        _apps = apps;
        _replicator = replicator;
        Addresses = started.Addresses;
        CaChainPath = started.CaChainPath ?? Path.Combine(dataDirectory.PkiDirectory, "ca-chain.pem");
        MqttListenAddress = mqttPort is { } port ? ListenAddress(port) : null;
        Backends = backends;
        Regions = regions;
    }

    /// <summary>The addresses Kestrel is bound to (actual ports when port 0 was asked); the first region's with regions.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The PEM chain devices and <c>curl --cacert</c> must trust.</summary>
    public string CaChainPath { get; }

    /// <summary>
    /// Where the embedded MQTT endpoint listens (address:port), TLS with client certificates; null
    /// when the registry is not the embedded one (devices then connect to that registry's endpoint).
    /// The first region's with regions.
    /// </summary>
    public string? MqttListenAddress { get; }

    /// <summary>The backend chosen for each port.</summary>
    public BackendSelection Backends { get; }

    /// <summary>The named regions in the order given (empty without regions).</summary>
    public IReadOnlyList<EmbeddedRegion> Regions { get; }

    public static async Task<EmbeddedServer> StartAsync(EmbeddedServerSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Regions is { Count: > 0 } regions)
        {
            return await StartRegionsAsync(settings, regions, cancellationToken);
        }

        var host = BuildHost(settings, settings.Urls, settings.MqttPort, settings.MqttEndpoint, region: null, resumeIssuances: true);
        await StartHostAsync(host.App, cancellationToken);
        return new EmbeddedServer(
            [host.App], StartedInfo(host), settings.DataDirectory, BrokerPort(host.App), host.Backends, [], replicator: null);
    }

    /// <summary>Completes when the token is cancelled (Ctrl+C) or a host stops itself.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken)
        => Task.WhenAny(_apps.Select(app => app.WaitForShutdownAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        if (_replicator is not null)
        {
            await _replicator.DisposeAsync();
        }

        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var app in _apps.Reverse())
        {
            await app.StopAsync(stopTimeout.Token);
            await app.DisposeAsync();
        }
    }

    private static (WebApplication App, StrongBox<ServerStartedInfo?> Started, BackendSelection Backends) BuildHost(
        EmbeddedServerSettings settings,
        IReadOnlyList<string> urls,
        int mqttPort,
        string mqttEndpoint,
        string? region,
        bool resumeIssuances)
    {
        var started = new StrongBox<ServerStartedInfo?>();
        var options = new SecretlessServerOptions
        {
            DataDirectory = settings.DataDirectory.RootPath,
            ConfigureLogging = settings.ConfigureLogging ?? (logging => logging.ClearProviders()),
            OnStarted = info => started.Value = info,
            // Regions share one ledger: one host finishing interrupted issuances is enough.
            ResumeIssuancesAtStartup = resumeIssuances,
        };
        if (settings.LatentDelivery is not null)
        {
            options.LatentDelivery = settings.LatentDelivery;
        }

        if (urls.Count > 0)
        {
            options.Urls = urls;
        }

        var backends = BackendSelection.Embedded;
        var app = SecretlessServer.Build(options, services =>
        {
            // Registers the core before the server's own AddSecretlessCore, which keeps these options.
            backends = services.AddSecretlessBackends(
                settings.Configuration ?? new ConfigurationBuilder().Build(),
                settings.DataDirectory,
                provisioning => provisioning.Validity = settings.Validity ?? provisioning.Validity,
                local => local.MqttEndpoint = mqttEndpoint);
            if (region is not null && backends.HasLocalRegistry)
            {
                // After the backends: the region's registry file replaces the main one in this host.
                services.UseLocalRegionThingRegistry(settings.DataDirectory, region, local => local.MqttEndpoint = mqttEndpoint);
            }

            if (backends.HasLocalRegistry)
            {
                // A hosted service: the web host starts and stops it with Kestrel.
                services.AddLocalMqttBroker(settings.DataDirectory, broker =>
                {
                    broker.Port = mqttPort;
                    broker.Region = region ?? broker.Region;
                });
            }
        });
        return (app, started, backends);
    }

    private static async Task StartHostAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static ServerStartedInfo StartedInfo((WebApplication App, StrongBox<ServerStartedInfo?> Started, BackendSelection Backends) host)
        => host.Started.Value ?? new ServerStartedInfo(host.App.GetListeningAddresses(), null);

    private static int? BrokerPort(WebApplication app) => app.Services.GetService<LocalMqttBroker>()?.BoundPort;

    private static string ListenAddress(int port) => $"{new LocalMqttBrokerOptions().BindAddress}:{port}";
}
