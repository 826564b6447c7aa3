using System.Text.Json.Serialization;

namespace Secretless.Cli.Fleet;

/// <summary>Source-generated JSON for the fleet run's summary line (one line, like the event lines).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(FleetRunSummary))]
internal sealed partial class FleetRunJsonContext : JsonSerializerContext;
