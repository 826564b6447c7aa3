using System.Text.Json.Serialization;

namespace Secretless.Local.Pki;

/// <summary>Source-generated JSON for <c>pki.json</c> (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PkiManifest))]
internal sealed partial class PkiJsonContext : JsonSerializerContext
{
}
