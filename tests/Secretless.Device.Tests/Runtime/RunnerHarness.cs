using System.Security.Cryptography;
using Secretless.Device.Runtime;
using Secretless.Device.Tests.Mqtt;

namespace Secretless.Device.Tests.Runtime;

/// <summary>A <see cref="DeviceRunner"/> for one imported device against an <see cref="MqttTestStack"/>, running in the background.</summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly DeviceRunner _runner;

    private RunnerHarness(DeviceRunner runner, RecordedEvents events)
    {
        _runner = runner;
        Events = events;
        Running = Task.Run(() => runner.RunAsync(_stop.Token));
    }

    public RecordedEvents Events { get; }

    public Task Running { get; }

    public static RunnerHarness Start(MqttTestStack stack, string deviceId, ECDsa key, string outDirectory, Func<DeviceRunnerOptions, DeviceRunnerOptions>? adjust = null, int? port = null)
    {
        var events = new RecordedEvents();
        var options = new DeviceRunnerOptions
        {
            DeviceId = deviceId,
            PrivateKey = key,
            Server = stack.Server.BaseUri,
            OutDirectory = outDirectory,
            TrustedCaPem = stack.Server.CaChainPem,
            // The in-process broker listens on a free port; /new names the configured endpoint.
            Endpoint = $"localhost:{port ?? stack.Broker.BoundPort}",
            Heartbeat = TimeSpan.FromMilliseconds(300),
            MinimumReprovisionInterval = TimeSpan.FromMilliseconds(500),
            Backoff = new ProvisioningRetryPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) },
        };
        return new RunnerHarness(new DeviceRunner(adjust is null ? options : adjust(options), events.Add), events);
    }

    /// <summary>Stops the runner (as Ctrl+C does) and returns once it has ended.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Running.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Running.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception exception) when (exception is ProvisioningFailedException or TimeoutException)
        {
            // The test already asserted what it wanted about the end.
        }

        _runner.Dispose();
        _stop.Dispose();
    }
}
