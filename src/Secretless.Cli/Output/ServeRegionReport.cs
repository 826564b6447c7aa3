namespace Secretless.Cli.Output;

/// <summary>
/// One region of <c>serve --regions</c>: its provisioning server's addresses, where its MQTT endpoint
/// listens, and the endpoint its <c>/new</c> returns to devices.
/// </summary>
public sealed record ServeRegionReport(
    string Name,
    IReadOnlyList<string> Addresses,
    string MqttListenAddress,
    string Endpoint);
