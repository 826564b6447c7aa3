using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Secretless.Aws.Http;

namespace Secretless.Aws.Iot;

/// <summary>
/// Serializes IoT bodies and parses IoT responses with <see cref="IotJsonContext"/>. Bodies use
/// <see cref="AwsJson.Encoder"/> so PEM <c>+</c> and policy <c>&lt;</c>, <c>'</c> go out literally, as the SDKs send them.
/// </summary>
internal static class IotJson
{
    private static readonly IotJsonContext Context = new(CreateOptions());

    public static byte[] Serialize<T>(T value, Func<IotJsonContext, JsonTypeInfo<T>> typeInfo)
        => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo(Context));

    /// <summary>Parses a response body; an empty body (operations with no output) reads as <c>{}</c>.</summary>
    public static T Deserialize<T>(byte[] body, Func<IotJsonContext, JsonTypeInfo<T>> typeInfo)
    {
        var json = body is { Length: > 0 } ? body : "{}"u8.ToArray();
        return JsonSerializer.Deserialize(json, typeInfo(Context))
            ?? throw new JsonException($"AWS IoT answered 'null' where a {typeof(T).Name} was expected.");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(IotJsonContext.Default.Options)
        {
            Encoder = AwsJson.Encoder,
        };
        return options;
    }
}
