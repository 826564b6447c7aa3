using System.Text.Json;

namespace Secretless.TestSupport.Aws;

/// <summary>One routed IoT request: operation, the decoded path label, decoded query, headers and JSON body.</summary>
internal sealed record IotCall(
    string Operation,
    string? Label,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    JsonElement Body)
{
    public string? BodyString(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public bool QueryFlag(string name) => string.Equals(QueryValue(name), "true", StringComparison.OrdinalIgnoreCase);

    public string RequiredLabel => Label ?? throw new FakeAwsServiceError("InvalidRequestException", "Missing path label.");
}
