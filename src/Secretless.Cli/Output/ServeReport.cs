namespace Secretless.Cli.Output;

/// <summary>
/// <c>serve --json</c> start-up line: where it listens (HTTPS and MQTT), what devices must trust,
/// and the endpoint <c>/new</c> returns.
/// </summary>
public sealed record ServeReport(
    IReadOnlyList<string> Urls,
    string DataDirectory,
    string ChainPemPath,
    string MqttEndpoint,
    string? MqttListen,
    string Backends);
