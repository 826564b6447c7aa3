using System.Text.Json.Serialization;

namespace Secretless.Aws.Iot;

/// <summary>An AWS tag; IoT spells its members <c>Key</c> and <c>Value</c>.</summary>
public sealed record IotTag
{
    [JsonPropertyName("Key")]
    public required string Key { get; init; }

    [JsonPropertyName("Value")]
    public string? Value { get; init; }
}
