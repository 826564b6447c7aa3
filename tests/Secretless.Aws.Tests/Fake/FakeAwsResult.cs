using System.Text.Json.Nodes;

namespace Secretless.Aws.Tests.Fake;

/// <summary>What the fake answered: status, the IoT error-type header (if any) and the JSON body (null when empty).</summary>
public sealed record FakeAwsResult(int Status, string? ErrorTypeHeader, JsonNode? Body)
{
    /// <summary>The error code from x-amzn-ErrorType (suffix dropped) or the body's __type.</summary>
    public string? ErrorCode =>
        ErrorTypeHeader?.Split(':')[0] ?? Body?["__type"]?.GetValue<string>();
}
