namespace Secretless.Backends;

/// <summary>Options of the embedded registry under <c>Secretless:Registry</c> (<c>Type</c> = <c>Local</c>).</summary>
internal sealed class LocalRegistrySettings
{
    /// <summary>The device data endpoint (<c>host:port</c>) returned to devices; overrides <c>serve --mqtt-endpoint</c>.</summary>
    public string? MqttEndpoint { get; set; }
}
