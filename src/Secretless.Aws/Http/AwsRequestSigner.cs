using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Secretless.Aws.Http;

/// <summary>
/// Turns an <see cref="AwsRequest"/> into a SigV4-signed <see cref="HttpRequestMessage"/> with
/// AWSSDK.Core's public <see cref="AWSSigV4Signer"/>. Signed: <c>host</c>, <c>x-amz-date</c>,
/// <c>x-amz-content-sha256</c> (added by the signer), <c>content-type</c> and <c>content-length</c>
/// whenever there is a body, and the request's own <see cref="AwsRequest.SignedHeaders"/> — the
/// same set the official SDKs sign (see the wire fixtures' README).
/// </summary>
public static class AwsRequestSigner
{
    /// <summary>Builds and signs the request at <paramref name="signingTime"/>; each attempt needs a fresh one.</summary>
    public static HttpRequestMessage CreateSignedRequest(
        AwsRequest request,
        AwsServiceEndpoint endpoint,
        ImmutableCredentials credentials,
        DateTimeOffset signingTime)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credentials);

        var uri = RequestUri(endpoint.BaseUri, request);
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = uri };
        if (request.Body is { } body)
        {
            var contentType = request.ContentType
                ?? throw new ArgumentException($"{request.Operation}: a request with a body needs a ContentType.", nameof(request));
            signing.Content = body;
            signing.Headers["content-length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            signing.Headers["content-type"] = contentType;
        }

        foreach (var header in request.SignedHeaders)
        {
            signing.Headers[header.Key] = header.Value;
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = ToAwsCredentials(credentials),
            Region = RegionEndpoint.GetBySystemName(endpoint.Region),
            Service = endpoint.SigningName,
            SignedAt = signingTime.UtcDateTime,
        };
        var signed = AWSSigV4Signer.Sign(signing, parameters);

        var message = new HttpRequestMessage(request.Method, uri);
        if (request.Body is { } payload)
        {
            // ByteArrayContent with an explicit media type: no charset parameter sneaks in, so the
            // content-type sent is byte for byte the one signed.
            var content = new ByteArrayContent(payload);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType!);
            content.Headers.ContentLength = payload.Length;
            message.Content = content;
        }

        foreach (var header in request.SignedHeaders)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var header in signed.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return message;
    }

    /// <summary>The wire URI: the endpoint's scheme and authority, its base path if any, then the request's raw path and query.</summary>
    public static Uri RequestUri(Uri baseUri, AwsRequest request)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(request);
        var basePath = baseUri.AbsolutePath.TrimEnd('/');
        var query = string.IsNullOrEmpty(request.Query) ? "" : "?" + request.Query;
        return new Uri(baseUri.GetLeftPart(UriPartial.Authority) + basePath + request.Path + query);
    }

    private static AWSCredentials ToAwsCredentials(ImmutableCredentials credentials) =>
        credentials.UseToken
            ? new SessionAWSCredentials(credentials.AccessKey, credentials.SecretKey, credentials.Token)
            : new BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey);
}
