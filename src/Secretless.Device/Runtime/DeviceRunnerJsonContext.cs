using System.Text.Json.Serialization;

namespace Secretless.Device.Runtime;

/// <summary>Source-generated JSON for the event lines: camelCase, one line each, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(DeviceRunnerEvent))]
internal sealed partial class DeviceRunnerJsonContext : JsonSerializerContext;
