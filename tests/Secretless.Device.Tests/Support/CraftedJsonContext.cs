using System.Text.Json.Serialization;

namespace Secretless.Device.Tests.Support;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class CraftedJsonContext : JsonSerializerContext;
