using System.Text.Json.Serialization;

namespace Secretless.Device.Json;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProvisioningResponseBody))]
[JsonSerializable(typeof(ProblemResponseBody))]
[JsonSerializable(typeof(LatentDeliveryResponseBody))]
internal sealed partial class DeviceJsonContext : JsonSerializerContext;
