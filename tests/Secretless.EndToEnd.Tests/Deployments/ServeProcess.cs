using Secretless.TestSupport.Network;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>
/// <c>secretless serve</c> as a real process on free loopback ports, with the data directory,
/// arguments and environment a stack gives it; stopped with Ctrl+C (SIGINT) on dispose.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly CliProcess _process;

    private ServeProcess(CliProcess process, Uri url, int mqttPort)
    {
        _process = process;
        Url = url;
        MqttPort = mqttPort;
    }

    public Uri Url { get; }

    public int MqttPort { get; }

    /// <summary>Everything serve printed so far (stdout and logs), for failure messages.</summary>
    public CliResult Output => _process.Snapshot();

    public static async Task<ServeProcess> StartAsync(string dataDirectory, IEnumerable<string> extraArguments, IReadOnlyDictionary<string, string>? environment)
    {
        var mqttPort = LoopbackPorts.Free();
        string[] arguments =
        [
            "serve", "--urls", "https://127.0.0.1:0", "--mqtt-port", mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data", dataDirectory, .. extraArguments,
        ];
        var process = CliProcess.Start(arguments, environment);
        try
        {
            var line = await process.WaitForOutputLineAsync(l => l.StartsWith("Listening on:", StringComparison.Ordinal), StartTimeout);
            var url = new Uri(line["Listening on:".Length..].Trim().TrimEnd('/') + "/");
            return new ServeProcess(process, url, mqttPort);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.InterruptAsync();
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _process.Dispose();
        }
    }
}
