using System.Text;
using Amazon.Runtime;
using Secretless.Aws.Http;
using Secretless.TestSupport.Network;

namespace Secretless.Aws.Tests.Http;

public sealed class AwsServiceClientTests
{
    private static readonly AwsRequest Request = new(
        "IssueCertificate", HttpMethod.Post, "/", "", Encoding.UTF8.GetBytes("{\"a\":1}"), "application/x-amz-json-1.1",
        [new KeyValuePair<string, string>("x-amz-target", "ACMPrivateCA.IssueCertificate")]);

    private static readonly AWSCredentials Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret");

    [Fact]
    public async Task SendAsync_ThrottledThenOk_RetriesAndReturnsSuccess()
    {
        await using var server = await ScriptedAwsEndpoint.StartAsync(
            ScriptedReply.Error(400, "ThrottlingException"), ScriptedReply.Error(429, "TooManyRequestsException"), ScriptedReply.Ok());
        using var client = Client(server, maxAttempts: 3);

        var response = await client.SendAsync(Request, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("{\"CertificateArn\":\"arn:ok\"}", Encoding.UTF8.GetString(response.Body));
        Assert.Equal("req-3", response.Headers["x-amzn-requestid"]);
        Assert.Equal(3, server.Received.Count);
        Assert.All(server.Received, r => Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(r.Body)));
        Assert.All(server.Received, r => Assert.Equal("application/x-amz-json-1.1", r.ContentType));
        Assert.All(server.Received, r => Assert.Equal("ACMPrivateCA.IssueCertificate", r.Target));
    }

    [Fact]
    public async Task SendAsync_ServerErrorThenOk_RetriesAndReturnsSuccess()
    {
        await using var server = await ScriptedAwsEndpoint.StartAsync(
            new ScriptedReply(500, "<html>oops</html>"), ScriptedReply.Error(503, "ServiceUnavailableException"), ScriptedReply.Ok());
        using var client = Client(server, maxAttempts: 3);

        var response = await client.SendAsync(Request, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, server.Received.Count);
    }

    [Fact]
    public async Task SendAsync_EveryAttempt_IsSignedAnewWithFreshDate()
    {
        await using var server = await ScriptedAwsEndpoint.StartAsync(ScriptedReply.Error(503, "ServiceUnavailableException"), ScriptedReply.Ok());
        var clock = new AdvancingTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var client = Client(server, maxAttempts: 2, clock);

        await client.SendAsync(Request, CancellationToken.None);

        var dates = server.Received.Select(r => r.AmzDate).ToList();
        Assert.Equal(2, dates.Count);
        Assert.NotEqual(dates[0], dates[1]);
        Assert.NotEqual(server.Received[0].Authorization, server.Received[1].Authorization);
        Assert.All(server.Received, r => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/acm-pca/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature=", r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_NonRetryableError_ThrowsAtOnce()
    {
        await using var server = await ScriptedAwsEndpoint.StartAsync(ScriptedReply.Error(400, "com.amazonaws.acmpca#MalformedCSRException"), ScriptedReply.Ok());
        using var client = Client(server, maxAttempts: 5);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.SendAsync(Request, CancellationToken.None));

        Assert.Equal(AwsErrorCodes.MalformedCsr, error.ErrorCode);
        Assert.Equal("acm-pca", error.Service);
        Assert.Equal("req-1", error.RequestId);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task SendAsync_ThrottledOnEveryAttempt_ThrowsRetryableAfterMaxAttempts()
    {
        await using var server = await ScriptedAwsEndpoint.StartAsync(ScriptedReply.Error(400, "ThrottlingException"));
        using var client = Client(server, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.SendAsync(Request, CancellationToken.None));

        Assert.True(error.IsThrottling);
        Assert.Equal(3, server.Received.Count);
    }

    [Fact]
    public async Task SendAsync_CredentialsThatRefresh_AreAskedOnEveryAttempt()
    {
        await using var server = await ScriptedAwsEndpoint.StartAsync(ScriptedReply.Error(500, "InternalFailure"), ScriptedReply.Ok());
        var credentials = new RotatingCredentials();
        using var client = new AwsServiceClient(Endpoint(server), credentials, Retry(2), TimeProvider.System);

        await client.SendAsync(Request, CancellationToken.None);

        Assert.Equal(2, credentials.Calls);
        Assert.Contains("Credential=AKIDROTATING0001/", server.Received[0].Authorization, StringComparison.Ordinal);
        Assert.Contains("Credential=AKIDROTATING0002/", server.Received[1].Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CancelledDuringBackoff_ThrowsOperationCanceled()
    {
        await using var server = await ScriptedAwsEndpoint.StartAsync(ScriptedReply.Error(400, "ThrottlingException"));
        var slowRetry = new AwsRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMinutes(10), MaxDelay = TimeSpan.FromMinutes(10) };
        using var client = new AwsServiceClient(Endpoint(server), Credentials, slowRetry, TimeProvider.System);
        using var cancellation = new CancellationTokenSource();

        var sending = client.SendAsync(Request, cancellation.Token);
        await server.FirstRequest;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task SendAsync_AlreadyCancelled_SendsNothing()
    {
        await using var server = await ScriptedAwsEndpoint.StartAsync(ScriptedReply.Ok());
        using var client = Client(server, maxAttempts: 3);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(Request, new CancellationToken(canceled: true)));

        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task SendAsync_NobodyListening_RetriesThenThrowsHttpRequestException()
    {
        var endpoint = new AwsServiceEndpoint(new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/"), "us-east-1", "acm-pca");
        using var client = new AwsServiceClient(endpoint, Credentials, Retry(2), TimeProvider.System);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(Request, CancellationToken.None));
    }

    [Fact]
    public void Backoff_FullJitter_StaysWithinCappedExponentialCeiling()
    {
        var retry = new AwsRetryOptions { MaxAttempts = 10, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) };
        using var client = new AwsServiceClient(new AwsServiceEndpoint(new Uri("http://127.0.0.1/"), "us-east-1", "acm-pca"), Credentials, retry, TimeProvider.System);

        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(client.Backoff(1), TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
            Assert.InRange(client.Backoff(3), TimeSpan.Zero, TimeSpan.FromMilliseconds(400));
            Assert.InRange(client.Backoff(9), TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        }
    }

    private static AwsServiceClient Client(ScriptedAwsEndpoint server, int maxAttempts, TimeProvider? clock = null) =>
        new(Endpoint(server), Credentials, Retry(maxAttempts), clock ?? TimeProvider.System);

    private static AwsRetryOptions Retry(int maxAttempts) =>
        new() { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    private static AwsServiceEndpoint Endpoint(ScriptedAwsEndpoint server) => new(server.ServiceUrl, "us-east-1", "acm-pca");
}
