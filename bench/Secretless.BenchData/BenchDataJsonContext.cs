using System.Text.Json.Serialization;

namespace Secretless.BenchData;

/// <summary>Source-generated JSON for the cfssl request bodies (no reflection).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class BenchDataJsonContext : JsonSerializerContext;
