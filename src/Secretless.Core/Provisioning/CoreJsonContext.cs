using System.Text.Json.Serialization;

namespace Secretless.Core.Provisioning;

/// <summary>Source-generated (AOT-safe) JSON for the bodies the core writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProvisioningResponseBody))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
