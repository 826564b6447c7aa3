using System.Text.Json;
using System.Text.Json.Serialization;

namespace Secretless.Device.Runtime;

/// <summary>
/// One thing a running device did or met, printed as one JSON line by <c>device run --json</c> and
/// <c>fleet simulate --run --json</c>. Every event has <see cref="Event"/>, <see cref="DeviceId"/> and
/// <see cref="At"/>; the other fields depend on the event (see <see cref="DeviceRunnerEventNames"/>)
/// and are left out when null.
/// </summary>
public sealed record DeviceRunnerEvent(
    string Event,
    string DeviceId,
    [property: JsonConverter(typeof(UtcTimestampJsonConverter))] DateTimeOffset At)
{
    public string? CertificateId { get; init; }

    /// <summary><c>provisioned</c>: the issuer DN of the new certificate (as <c>X509Certificate2.Issuer</c>).</summary>
    public string? Issuer { get; init; }

    [JsonConverter(typeof(NullableUtcTimestampJsonConverter))]
    public DateTimeOffset? NotAfter { get; init; }

    public string? Endpoint { get; init; }

    /// <summary><c>provisioned</c>: a <see cref="ProvisioningReasons"/> value; <c>disconnected</c>/<c>refused</c>: what the endpoint said.</summary>
    public string? Reason { get; init; }

    /// <summary><c>refused</c>: <c>tls</c> or <c>connect</c>.</summary>
    public string? Stage { get; init; }

    /// <summary><c>refused</c>: seconds until the next attempt (connect again, or provision again).</summary>
    public double? RetryInSeconds { get; init; }

    /// <summary><c>error</c>: what failed.</summary>
    public string? Message { get; init; }

    /// <summary>The event as one line of JSON (no line break).</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, DeviceRunnerJsonContext.Default.DeviceRunnerEvent);
}
