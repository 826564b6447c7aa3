namespace Secretless.Aws.Http;

/// <summary>
/// One AWS API call as it goes on the wire, before signing. Built by the typed clients
/// (<c>AcmPcaClient</c>, <c>IotClient</c>) and signed and sent by <see cref="AwsServiceClient"/>.
/// </summary>
/// <param name="Operation">The API operation name (<c>IssueCertificate</c>), for logs and errors.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">The raw, already percent-encoded path, as sent (<c>/things/fleet%3Adev_0001</c>).</param>
/// <param name="Query">The raw query without <c>?</c>, keys sorted and values RFC 3986 encoded; empty for none.</param>
/// <param name="Body">The exact body bytes, or null when the operation sends no body.</param>
/// <param name="ContentType">Content type of <paramref name="Body"/> without charset; null when there is no body.</param>
/// <param name="SignedHeaders">Extra headers to send and sign (<c>x-amz-target</c>, <c>x-amzn-principal</c>), lower-case names.</param>
public sealed record AwsRequest(
    string Operation,
    HttpMethod Method,
    string Path,
    string Query,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> SignedHeaders);
