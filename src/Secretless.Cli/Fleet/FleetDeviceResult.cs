namespace Secretless.Cli.Fleet;

/// <summary>One simulated device's end: a verified certificate (and MQTT result) or the failure.</summary>
internal sealed record FleetDeviceResult(
    string DeviceId,
    bool Provisioned,
    string? CertificateId,
    int Retries,
    bool DeliveredByUrl,
    TimeSpan Elapsed,
    bool? MqttPublished,
    string? Failure);
