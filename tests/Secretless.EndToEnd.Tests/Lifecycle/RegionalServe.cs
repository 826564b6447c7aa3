using System.Globalization;
using System.Text.Json;
using Secretless.TestSupport.Network;

namespace Secretless.EndToEnd.Tests.Lifecycle;

/// <summary><c>secretless serve --regions … --json</c> as a real process; stopped with Ctrl+C on dispose.</summary>
public sealed class RegionalServe : IAsyncDisposable
{
    private readonly CliProcess _process;

    private RegionalServe(CliProcess process, IReadOnlyList<ServedRegion> regions)
    {
        _process = process;
        Regions = regions;
    }

    public IReadOnlyList<ServedRegion> Regions { get; }

    public ServedRegion this[string name] => Regions.Single(region => region.Name == name);

    public CliResult Output => _process.Snapshot();

    public static async Task<RegionalServe> StartAsync(string dataDirectory, IReadOnlyList<string> regions, TimeSpan replicationDelay)
    {
        var mqttPort = LoopbackPorts.FreeConsecutive(regions.Count);
        var process = CliProcess.Start(
        [
            "serve", "--regions", string.Join(',', regions), "--replication-delay",
            ((int)replicationDelay.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "--urls", "https://127.0.0.1:0", "--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture),
            "--data", dataDirectory, "--json",
        ]);
        try
        {
            // The report is one indented JSON object: it is complete at its closing brace.
            await process.WaitForOutputLineAsync(line => line.TrimEnd() == "}", TimeSpan.FromMinutes(2));
            using var report = JsonDocument.Parse(process.Snapshot().StandardOutput);
            var served = report.RootElement.GetProperty("regions").EnumerateArray()
                .Select(region => new ServedRegion(
                    region.GetProperty("name").GetString()!,
                    new Uri(region.GetProperty("addresses")[0].GetString()!.TrimEnd('/') + "/"),
                    region.GetProperty("endpoint").GetString()!))
                .ToList();
            return new RegionalServe(process, served);
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
