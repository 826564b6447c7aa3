using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Secretless.Cli.Commands;
using Secretless.Cli.Infrastructure;
using Secretless.Device;
using Secretless.Device.Mqtt;
using Secretless.Device.Simulation;
using Secretless.Local;
using Spectre.Console;

namespace Secretless.Cli.Fleet;

/// <summary>
/// Manufactures a fleet (P-256 keys in-process, one import), provisions every device through the
/// device library's <see cref="ResilientProvisioningClient"/> over real HTTPS (through a
/// fault-injecting proxy when a drop rate is given), optionally connects each to MQTT, and counts
/// duplicates and orphans in the registry (<see cref="FleetRegistryAudit"/>).
/// </summary>
internal sealed class FleetSimulator(CliContext context, SecretlessDataDirectory dataDirectory, FleetSimulationSettings settings, bool showProgress)
{
    public async Task<FleetReport> RunAsync(CancellationToken cancellationToken)
    {
        var devices = FleetManufacturer.Manufacture(settings.Count);
        try
        {
            return await RunWithDevicesAsync(devices, cancellationToken);
        }
        finally
        {
            FleetManufacturer.Dispose(devices);
        }
    }

    private async Task<FleetReport> RunWithDevicesAsync(List<(string Id, ECDsa Key)> devices, CancellationToken cancellationToken)
    {
        await using var target = await FleetTarget.StartAsync(context, dataDirectory, settings.Server, cancellationToken);
        var server = target.Server;
        var caChainPath = target.CaChainPath;
        await FleetManufacturer.ImportAsync(dataDirectory, devices, cancellationToken);
        var caPem = await FleetManufacturer.ReadCaChainAsync(caChainPath, cancellationToken);
        FaultInjectingProxy? proxy = null;
        var deviceServer = server;
        if (settings.DropRate > 0)
        {
            proxy = FaultInjectingProxy.Start(
                await ResolveAsync(server, cancellationToken),
                new FaultInjectingProxyOptions { Seed = settings.Seed, FaultRate = settings.DropRate });
            deviceServer = proxy.Rewrite(server);
        }

        var results = new FleetDeviceResult[devices.Count];
        var clock = Stopwatch.StartNew();
        await using (proxy)
        {
            await RunAllAsync(devices, deviceServer, caPem, results, cancellationToken);
        }

        clock.Stop();
        var (duplicates, orphans, checkedRegistry) = await AuditAsync(results, cancellationToken);
        return Summarize(server, results, duplicates, orphans, checkedRegistry, proxy is null ? 0 : proxy.Dropped + proxy.Cut + proxy.Delayed, clock.Elapsed);
    }

    private async Task RunAllAsync(List<(string Id, ECDsa Key)> devices, Uri server, string caPem, FleetDeviceResult[] results, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken };
        async Task ProvisionAllAsync(Action? onDone)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, devices.Count), parallel, async (index, token) =>
            {
                results[index] = await ProvisionOneAsync(devices[index].Id, devices[index].Key, index, server, caPem, token);
                onDone?.Invoke();
            });
        }

        if (!showProgress)
        {
            await ProvisionAllAsync(null);
            return;
        }

        await context.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Provisioning {devices.Count} devices", maxValue: devices.Count);
                await ProvisionAllAsync(() => task.Increment(1));
            });
    }

    private async Task<FleetDeviceResult> ProvisionOneAsync(string deviceId, ECDsa key, int index, Uri server, string caPem, CancellationToken cancellationToken)
    {
        // One handler per device: each device opens its own connections, as a real one would.
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(caPem)) { Timeout = Timeout.InfiniteTimeSpan };
        var policy = new ProvisioningRetryPolicy
        {
            InitialDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(2),
            AttemptTimeout = TimeSpan.FromSeconds(15),
            Deadline = settings.DeviceDeadline,
        };
        var client = new ResilientProvisioningClient(http, policy, random: new Random(settings.Seed + index));
        var delivery = settings.UrlDelivery ? ProvisioningDelivery.Url : ProvisioningDelivery.Direct;
        try
        {
            var result = await client.ProvisionAsync(deviceId, key, server, caPem, delivery, cancellationToken);
            bool? published = settings.Mqtt ? await PublishAsync(deviceId, key, result.Certificate, caPem, cancellationToken) : null;
            return new FleetDeviceResult(deviceId, true, result.Certificate.CertificateId, result.Retries, result.DeliveredByUrl, result.Elapsed, published, null);
        }
        catch (Exception exception) when (exception is ProvisioningException or CertificateVerificationException or HttpRequestException)
        {
            return new FleetDeviceResult(deviceId, false, null, 0, false, TimeSpan.Zero, null, $"{deviceId}: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private static async Task<bool> PublishAsync(string deviceId, ECDsa key, ProvisioningResult certificate, string caPem, CancellationToken cancellationToken)
    {
        var (host, port) = DeviceConnecting.SplitEndpoint(certificate.Endpoint);
        using var identity = DeviceMqttCredentials.Create(certificate.CertificatePem, key);
        try
        {
            await using var session = await DeviceMqttConnector.ConnectAsync(
                new DeviceMqttConnectionOptions { Host = host, Port = port, ClientId = deviceId, ClientCertificate = identity, TrustedCaPem = caPem },
                cancellationToken);
            await session.PublishAsync($"things/{deviceId}/telemetry", Encoding.UTF8.GetBytes("{\"fleet\":true}"), cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is DeviceMqttRefusedException or DeviceMqttUnreachableException)
        {
            return false;
        }
    }

    private async Task<(int Duplicates, int Orphans, bool Checked)> AuditAsync(FleetDeviceResult[] results, CancellationToken cancellationToken)
    {
        if (!File.Exists(dataDirectory.DatabasePath))
        {
            return (0, 0, false);
        }

        var (duplicates, orphans) = await FleetRegistryAudit.RunAsync(LocalBackends.Open(dataDirectory.RootPath).ThingRegistry, results, cancellationToken);
        return (duplicates, orphans, true);
    }

    private FleetReport Summarize(Uri server, FleetDeviceResult[] results, int duplicates, int orphans, bool checkedRegistry, int proxyFaults, TimeSpan elapsed)
    {
        var latencies = results.Where(r => r.Provisioned).Select(r => r.Elapsed.TotalMilliseconds).Order().ToArray();
        var provisioned = latencies.Length;
        return new FleetReport(
            server.ToString(),
            settings.Count,
            settings.Concurrency,
            settings.DropRate,
            settings.UrlDelivery ? "url" : "direct",
            provisioned,
            results.Length - provisioned,
            results.Sum(r => r.Retries),
            results.Count(r => r.DeliveredByUrl),
            duplicates,
            orphans,
            checkedRegistry,
            settings.Mqtt ? results.Count(r => r.MqttPublished == true) : null,
            proxyFaults,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            Percentile(latencies, 0.99),
            elapsed.TotalSeconds > 0 ? Math.Round(provisioned / elapsed.TotalSeconds, 2) : 0,
            Math.Round(elapsed.TotalSeconds, 3),
            results.Where(r => r.Failure is not null).Select(r => r.Failure!).ToList());
    }

    // Nearest-rank percentile of sorted values.
    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);

    private static async Task<IPEndPoint> ResolveAsync(Uri server, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(server.Host.Trim('[', ']'), out var address))
        {
            return new IPEndPoint(address, server.Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(server.DnsSafeHost, cancellationToken);
        return new IPEndPoint(addresses.First(), server.Port);
    }
}
