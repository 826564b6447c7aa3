using System.Text;
using Amazon.Runtime;
using Secretless.Aws.Http;
using Secretless.Aws.Tests.Wire;

namespace Secretless.Aws.Tests.Http;

/// <summary>Turns a captured fixture back into the pieces the transport signs: request, endpoint, credentials.</summary>
internal static class RecordedRequests
{
    // Headers the SDK signs beyond host/x-amz-date/x-amz-content-sha256 and the body's content-*.
    private static readonly string[] OperationHeaders = ["x-amz-target", "x-amzn-principal"];

    public static ImmutableCredentials Credentials { get; } =
        new(AwsWireFixture.AccessKeyId, AwsWireFixture.SecretAccessKey, null);

    public static AwsServiceEndpoint Endpoint(AwsWireFixture fixture) =>
        new(fixture.Endpoint, AwsWireFixture.Region, fixture.SigningName);

    /// <summary>The request exactly as recorded on the wire (path, query, body, content type, operation headers).</summary>
    public static AwsRequest AsRecorded(AwsWireFixture fixture)
    {
        var headers = OperationHeaders
            .Where(fixture.Headers.ContainsKey)
            .Select(name => new KeyValuePair<string, string>(name, fixture.Headers[name]))
            .ToList();
        return new AwsRequest(
            fixture.Operation,
            new HttpMethod(fixture.Method),
            fixture.Path,
            fixture.Query,
            string.IsNullOrEmpty(fixture.Body) ? null : Encoding.UTF8.GetBytes(fixture.Body),
            fixture.Headers.TryGetValue("content-type", out var contentType) ? contentType : null,
            headers);
    }

    /// <summary>The Authorization the transport's signer produces for <paramref name="request"/> at the capture time.</summary>
    public static string Authorization(AwsRequest request, AwsWireFixture fixture)
    {
        using var message = AwsRequestSigner.CreateSignedRequest(request, Endpoint(fixture), Credentials, AwsWireFixture.SigningTime);
        return string.Join(",", message.Headers.GetValues("Authorization"));
    }
}
