using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Secretless.TestSupport.ApiGateway;

/// <summary>
/// A Lambda proxy integration's output (payload format 1.0): <c>statusCode</c>, <c>headers</c>,
/// <c>multiValueHeaders</c>, <c>body</c> and <c>isBase64Encoded</c>. Headers from both maps are
/// merged as API Gateway documents it: a name in <c>multiValueHeaders</c> keeps those values, and
/// the <c>headers</c> value is added unless it is already among them.
/// </summary>
public sealed record ProxyIntegrationResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>Parses the function's payload; null when API Gateway would call it malformed (a 502).</summary>
    public static ProxyIntegrationResponse? TryParse(byte[] payload)
    {
        try
        {
            if (JsonNode.Parse(payload) is not JsonObject root || StatusCodeOf(root["statusCode"]) is not { } status)
            {
                return null;
            }

            var merged = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            if (root["multiValueHeaders"] is JsonObject multi)
            {
                foreach (var (name, values) in multi)
                {
                    if (values is not JsonArray array)
                    {
                        return null;
                    }

                    merged[name] = [.. array.Select(value => Scalar(value) ?? "")];
                }
            }

            if (root["headers"] is JsonObject single)
            {
                foreach (var (name, value) in single)
                {
                    var text = Scalar(value) ?? "";
                    if (!merged.TryGetValue(name, out var existing))
                    {
                        merged[name] = [text];
                    }
                    else if (!existing.Contains(text, StringComparer.Ordinal))
                    {
                        existing.Add(text);
                    }
                }
            }

            var body = Scalar(root["body"]) ?? "";
            var isBase64 = root["isBase64Encoded"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
            var bytes = isBase64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
            var headers = merged.SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value))).ToList();
            return new ProxyIntegrationResponse(status, headers, bytes);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static int? StatusCodeOf(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        var status = value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<int>(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => (int?)null,
        };
        return status is >= 100 and <= 599 ? status : null;
    }

    private static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => throw new FormatException("A header value or body is not a scalar."),
    };
}
