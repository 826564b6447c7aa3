using System.Text;
using Amazon.Runtime;
using Secretless.Aws.Http;
using Secretless.Aws.Tests.Wire;

namespace Secretless.Aws.Tests.Http;

public sealed class AwsRequestSignerTests
{
    public static TheoryData<string, string> AllRecordedRequests()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "acm-pca.json", "iot.json", "errors.json" })
        {
            foreach (var @case in AwsWireFixtures.Cases(file))
            {
                data.Add(file, @case);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllRecordedRequests))]
    public void CreateSignedRequest_RecordedRequest_ReproducesRecordedAuthorization(string file, string @case)
    {
        var fixture = AwsWireFixtures.Get(file, @case);

        var authorization = RecordedRequests.Authorization(RecordedRequests.AsRecorded(fixture), fixture);

        Assert.Equal(fixture.Authorization, authorization);
    }

    [Fact]
    public async Task CreateSignedRequest_WithBody_SendsExactBytesAndContentTypeWithoutCharset()
    {
        var fixture = AwsWireFixtures.Get("acm-pca.json", "IssueCertificate");
        var request = RecordedRequests.AsRecorded(fixture);

        using var message = AwsRequestSigner.CreateSignedRequest(request, RecordedRequests.Endpoint(fixture), RecordedRequests.Credentials, AwsWireFixture.SigningTime);

        Assert.NotNull(message.Content);
        Assert.Equal("application/x-amz-json-1.1", message.Content.Headers.ContentType!.ToString());
        Assert.Equal(request.Body!.Length, message.Content.Headers.ContentLength);
        Assert.Equal(fixture.Body, Encoding.UTF8.GetString(await message.Content.ReadAsByteArrayAsync()));
        Assert.Equal("20260101T000000Z", message.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal(fixture.Headers["x-amz-content-sha256"], message.Headers.GetValues("X-Amz-Content-SHA256").Single());
        Assert.Equal("ACMPrivateCA.IssueCertificate", message.Headers.GetValues("x-amz-target").Single());
        Assert.Equal(new Uri("https://acm-pca.us-east-1.amazonaws.com/"), message.RequestUri);
    }

    [Fact]
    public void CreateSignedRequest_WithoutBody_SendsNoContentAndKeepsEncodedPathAndQuery()
    {
        var fixture = AwsWireFixtures.Iot.First(f => string.IsNullOrEmpty(f.Body) && f.Query.Length > 0);
        var request = RecordedRequests.AsRecorded(fixture);

        using var message = AwsRequestSigner.CreateSignedRequest(request, RecordedRequests.Endpoint(fixture), RecordedRequests.Credentials, AwsWireFixture.SigningTime);

        Assert.Null(message.Content);
        Assert.Equal(fixture.Path + "?" + fixture.Query, message.RequestUri!.PathAndQuery);
        Assert.Contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,", message.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSignedRequest_SessionCredentials_SendsSecurityToken()
    {
        var fixture = AwsWireFixtures.Get("acm-pca.json", "GetCertificate");
        var credentials = new ImmutableCredentials(AwsWireFixture.AccessKeyId, AwsWireFixture.SecretAccessKey, "session-token-1");

        using var message = AwsRequestSigner.CreateSignedRequest(RecordedRequests.AsRecorded(fixture), RecordedRequests.Endpoint(fixture), credentials, AwsWireFixture.SigningTime);

        Assert.Equal("session-token-1", message.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.NotEqual(fixture.Authorization, message.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void CreateSignedRequest_LaterSigningTime_ChangesDateAndSignature()
    {
        var fixture = AwsWireFixtures.Get("acm-pca.json", "GetCertificate");

        using var message = AwsRequestSigner.CreateSignedRequest(RecordedRequests.AsRecorded(fixture), RecordedRequests.Endpoint(fixture), RecordedRequests.Credentials, AwsWireFixture.SigningTime.AddSeconds(1));

        Assert.Equal("20260101T000001Z", message.Headers.GetValues("X-Amz-Date").Single());
        Assert.NotEqual(fixture.Authorization, message.Headers.GetValues("Authorization").Single());
    }

    [Theory]
    [InlineData("http://127.0.0.1:4566/", "/things/a%3Ab", "x=1", "http://127.0.0.1:4566/things/a%3Ab?x=1")]
    [InlineData("https://proxy.example/aws/", "/", "", "https://proxy.example/aws/")]
    public void RequestUri_BaseAndRawPath_KeepsEncodingAndBasePath(string baseUri, string path, string query, string expected)
    {
        var request = new AwsRequest("Op", HttpMethod.Get, path, query, null, null, []);

        var uri = AwsRequestSigner.RequestUri(new Uri(baseUri), request);

        Assert.Equal(expected, uri.OriginalString);
    }

    [Fact]
    public void CreateSignedRequest_BodyWithoutContentType_Throws()
    {
        var request = new AwsRequest("Op", HttpMethod.Post, "/", "", [1, 2], null, []);
        var endpoint = new AwsServiceEndpoint(new Uri("https://example.com"), "us-east-1", "acm-pca");

        var error = Assert.Throws<ArgumentException>(() => AwsRequestSigner.CreateSignedRequest(request, endpoint, RecordedRequests.Credentials, AwsWireFixture.SigningTime));

        Assert.Contains("ContentType", error.Message, StringComparison.Ordinal);
    }
}
