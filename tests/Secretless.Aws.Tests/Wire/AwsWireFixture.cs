using System.Text.Json;

namespace Secretless.Aws.Tests.Wire;

/// <summary>
/// One request/response captured from the official AWS SDK for JavaScript (see
/// Wire/Fixtures/README.md): what a hand-written client must send for <see cref="Input"/>,
/// and what it must make of <see cref="ResponseBody"/>.
/// </summary>
public sealed record AwsWireFixture(
    string File,
    string Case,
    string Operation,
    string SigningName,
    JsonElement Input,
    string Method,
    string Path,
    string Query,
    string? Body,
    IReadOnlyDictionary<string, string> Headers,
    string Authorization,
    string? CanonicalRequest,
    int ResponseStatus,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    string ResponseBody,
    JsonElement? ParsedOutput,
    string? SdkExceptionName)
{
    /// <summary>The fixed signing time of every capture.</summary>
    public static readonly DateTimeOffset SigningTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string AccessKeyId = "AKIDEXAMPLE";

    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public const string Region = "us-east-1";

    /// <summary>The endpoint the SDK called (its default AWS endpoint for the service).</summary>
    public Uri Endpoint => new(SigningName == "acm-pca" ? "https://acm-pca.us-east-1.amazonaws.com" : "https://iot.us-east-1.amazonaws.com");

    public override string ToString() => $"{File}:{Case}";
}
