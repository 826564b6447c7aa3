using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Secretless.Aws.Tests.Iot;

/// <summary>
/// Writes a parsed response the way the fixtures record the SDK's output: camelCase members,
/// unset members dropped, timestamps as <c>{"$date": "…Z"}</c>; so the two can be compared as JSON.
/// </summary>
internal static class SdkOutputJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new DateConverter() },
    };

    public static JsonNode Of(object parsed) => JsonSerializer.SerializeToNode(parsed, parsed.GetType(), Options)!;

    /// <summary>The fixture's <c>parsedOutput</c> without the SDK's <c>$metadata</c>.</summary>
    public static JsonNode Expected(JsonElement parsedOutput)
    {
        var node = JsonNode.Parse(parsedOutput.GetRawText())!.AsObject();
        node.Remove("$metadata");
        return node;
    }

    private sealed class DateConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("$date", value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
    }
}
