using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Secretless.Local.Registry;
using Secretless.Local.Replication;
using Secretless.Server;
using Secretless.Server.Hosting;

namespace Secretless.Cli.Infrastructure;

/// <summary>Embedded multi-region: one web host, registry and MQTT endpoint per region, and the replicator.</summary>
internal sealed partial class EmbeddedServer
{
    private static async Task<EmbeddedServer> StartRegionsAsync(
        EmbeddedServerSettings settings,
        IReadOnlyList<string> regions,
        CancellationToken cancellationToken)
    {
        var apps = new List<WebApplication>();
        RegionReplicator? replicator = null;
        try
        {
            var started = new List<EmbeddedRegion>();
            ServerStartedInfo? firstStarted = null;
            Backends.BackendSelection? backends = null;
            for (var index = 0; index < regions.Count; index++)
            {
                var mqttPort = settings.MqttPort + index;
                var endpoint = $"localhost:{mqttPort}";
                var host = BuildHost(settings, ShiftPorts(settings.Urls, index), mqttPort, endpoint, regions[index], resumeIssuances: index == 0);
                apps.Add(host.App);
                if (!host.Backends.HasLocalRegistry)
                {
                    throw new CliException(
                        ExitCodes.UsageError,
                        $"--regions needs the embedded registry (each region has its own registry file and MQTT endpoint), but Secretless:Registry:Type is {host.Backends.Registry}; remove that setting or --regions.");
                }

                await host.App.StartAsync(cancellationToken);
                var info = StartedInfo(host);
                firstStarted ??= info;
                backends ??= host.Backends;
                var boundPort = BrokerPort(host.App) ?? mqttPort;
                started.Add(new EmbeddedRegion(regions[index], info.Addresses, ListenAddress(boundPort), endpoint));
            }

            replicator = new RegionReplicator(
                apps.Select((app, index) => new ReplicationRegion(regions[index], app.Services.GetRequiredService<SqliteThingRegistry>())).ToList(),
                new RegionReplicatorOptions { Delay = settings.ReplicationDelay ?? TimeSpan.Zero },
                TimeProvider.System,
                apps[0].Services.GetRequiredService<ILogger<RegionReplicator>>());
            await replicator.StartAsync(cancellationToken);
            return new EmbeddedServer(
                apps, firstStarted!, settings.DataDirectory, BrokerPort(apps[0]), backends!, started, replicator);
        }
        catch
        {
            if (replicator is not null)
            {
                await replicator.DisposeAsync();
            }

            foreach (var app in Enumerable.Reverse(apps))
            {
                await app.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// The listen URLs of region <paramref name="offset"/>: every port moved up by the offset, so
    /// regions listen side by side; port 0 stays 0 (a free port each).
    /// </summary>
    internal static IReadOnlyList<string> ShiftPorts(IReadOnlyList<string> urls, int offset)
    {
        var given = urls.Count > 0 ? urls : [SecretlessServerOptions.DefaultUrl];
        if (offset == 0)
        {
            return given;
        }

        return given.Select(text =>
        {
            var url = ServerUrl.Parse(text);
            if (url.Port == 0)
            {
                return text;
            }

            var port = url.Port + offset;
            if (port > 65535)
            {
                throw new CliException(ExitCodes.UsageError, $"--urls {text}: region {offset + 1} would listen on port {port}, above 65535; pick a lower port.");
            }

            var host = url.Host.Contains(':', StringComparison.Ordinal) ? $"[{url.Host}]" : url.Host;
            return $"{(url.IsHttps ? "https" : "http")}://{host}:{port}";
        }).ToList();
    }
}
