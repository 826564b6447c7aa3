namespace Secretless.Cli.Output;

/// <summary>
/// <c>serve --json</c> start-up line: where it listens (HTTPS and MQTT), what devices must trust,
/// and the endpoint <c>/new</c> returns. With <c>--regions</c>, <see cref="Regions"/> lists every
/// region and the single-region fields hold the first region's values; without, it is left out.
/// </summary>
public sealed record ServeReport(
    IReadOnlyList<string> Urls,
    string DataDirectory,
    string ChainPemPath,
    string MqttEndpoint,
    string? MqttListen,
    string Backends,
    IReadOnlyList<ServeRegionReport>? Regions = null);
