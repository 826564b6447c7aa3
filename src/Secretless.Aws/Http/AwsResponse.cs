namespace Secretless.Aws.Http;

/// <summary>A successful (2xx) AWS response: status, headers (case-insensitive names) and the body bytes.</summary>
public sealed record AwsResponse(
    int StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body);
