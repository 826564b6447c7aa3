using System.Text.Json.Serialization;
using Secretless.Core.Delivery;
using Secretless.Core.Errors;

namespace Secretless.Core.Provisioning;

/// <summary>Source-generated (AOT-safe) JSON for the bodies the core writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProvisioningResponseBody))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(LatentDeliveryBody))]
[JsonSerializable(typeof(string))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
