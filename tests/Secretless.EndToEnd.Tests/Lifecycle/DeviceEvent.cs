using System.Text.Json;

namespace Secretless.EndToEnd.Tests.Lifecycle;

/// <summary>One JSON line a device runner printed (<c>device run --json</c>, <c>fleet simulate --run --json</c>).</summary>
public sealed record DeviceEvent(string Event, string DeviceId, JsonElement Fields, string Line)
{
    /// <summary>A string field, or null when absent or not a string.</summary>
    public string? Text(string name)
        => Fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? CertificateId => Text("certificateId");

    public override string ToString() => Line;
}
