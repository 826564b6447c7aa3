namespace Secretless.Cli.Infrastructure;

/// <summary>
/// One started embedded region: where its provisioning server and MQTT endpoint listen, and the
/// endpoint its <c>/new</c> returns.
/// </summary>
internal sealed record EmbeddedRegion(string Name, IReadOnlyList<string> Addresses, string MqttListenAddress, string Endpoint);
