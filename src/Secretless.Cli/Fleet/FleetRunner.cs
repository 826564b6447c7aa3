using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Secretless.Cli.Commands;
using Secretless.Cli.Infrastructure;
using Secretless.Device;
using Secretless.Device.Runtime;
using Secretless.Local;

namespace Secretless.Cli.Fleet;

/// <summary>
/// <c>fleet simulate --run</c>: manufactures and imports N devices, then runs N <see cref="DeviceRunner"/>s
/// in this process (provisionings bounded by the concurrency) until Ctrl+C, SIGTERM or the duration.
/// Events go out as JSON lines through one writer (<c>--json</c>) or feed a live table on stderr.
/// </summary>
internal sealed class FleetRunner(CliContext context, SecretlessDataDirectory dataDirectory, FleetRunSettings settings, bool asJson)
{
    public async Task<FleetRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var devices = FleetManufacturer.Manufacture(settings.Count);
        var storage = Path.Combine(Path.GetTempPath(), "secretless-fleet-run-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            return await RunWithDevicesAsync(devices, storage, cancellationToken);
        }
        finally
        {
            FleetManufacturer.Dispose(devices);
            if (Directory.Exists(storage))
            {
                Directory.Delete(storage, recursive: true);
            }
        }
    }

    private async Task<FleetRunSummary> RunWithDevicesAsync(List<(string Id, ECDsa Key)> devices, string storage, CancellationToken cancellationToken)
    {
        await using var target = await FleetTarget.StartAsync(context, dataDirectory, settings.Server, cancellationToken);
        var server = target.Server;
        var caChainPath = target.CaChainPath;
        await FleetManufacturer.ImportAsync(dataDirectory, devices, cancellationToken);
        var caPem = await FleetManufacturer.ReadCaChainAsync(caChainPath, cancellationToken);

        var tally = new FleetRunTally();
        var writer = asJson ? new DeviceRunnerEventWriter(context.Out) : null;
        void OnEvent(DeviceRunnerEvent runnerEvent)
        {
            tally.Record(runnerEvent);
            writer?.Write(runnerEvent);
        }

        using var gate = new SemaphoreSlim(settings.Concurrency, settings.Concurrency);
        var runners = devices.Select(device => new DeviceRunner(
            new DeviceRunnerOptions
            {
                DeviceId = device.Id,
                PrivateKey = device.Key,
                Server = server,
                OutDirectory = Path.Combine(storage, device.Id),
                TrustedCaPem = caPem,
                Endpoint = settings.Endpoint,
                Heartbeat = settings.Heartbeat,
                RenewAt = settings.RenewAt,
                ReplicationWait = settings.ReplicationWait,
                ProvisioningGate = gate,
            },
            OnEvent,
            context.Time)).ToList();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var all = Task.WhenAll(runners.Select(runner => RunOneAsync(runner, tally, stop.Token)));
            if (asJson)
            {
                await all;
            }
            else
            {
                await FleetRunLiveTable.ShowAsync(context, runners, tally, all);
            }
        }
        finally
        {
            foreach (var runner in runners)
            {
                runner.Dispose();
            }
        }

        var summary = tally.Summarize(devices.Count, context.Time.GetUtcNow(), clock.Elapsed);
        if (writer is not null)
        {
            writer.WriteLine(JsonSerializer.Serialize(summary, FleetRunJsonContext.Default.FleetRunSummary));
        }
        else
        {
            FleetRunLiveTable.PrintSummary(context, summary);
        }

        return summary;
    }

    private async Task RunOneAsync(DeviceRunner runner, FleetRunTally tally, CancellationToken cancellationToken)
    {
        try
        {
            await runner.RunAsync(cancellationToken);
        }
        catch (ProvisioningFailedException refused)
        {
            // The service refused this device for good; the others keep running.
            tally.RecordStoppedByRefusal(runner.DeviceId);
            if (!asJson)
            {
                context.Error.WriteLine($"{runner.DeviceId}: stopped: {refused.Message}");
            }
        }
    }
}
