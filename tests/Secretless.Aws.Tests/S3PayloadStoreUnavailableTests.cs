using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Aws.Delivery;
using Secretless.Core.Errors;

namespace Secretless.Aws.Tests;

/// <summary>S3 throttling and outages become <see cref="BackendUnavailableException"/> (503 + Retry-After); other errors do not.</summary>
public sealed class S3PayloadStoreUnavailableTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SlowDown")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError")]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequestsException")]
    public async Task StoreAsync_S3ThrottledOrDown_ThrowsBackendUnavailableWithRetryAfter(HttpStatusCode status, string errorCode)
    {
        await using var endpoint = await FailingS3Endpoint.StartAsync(status, errorCode);
        using var client = S3PayloadStoreClientFactory.Create(Options(endpoint));
        var store = new S3PayloadStore(client, Options(endpoint), TimeProvider.System, NullLogger<S3PayloadStore>.Instance);

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(
            () => store.StoreAsync("k", Encoding.UTF8.GetBytes("{}"), Now, CancellationToken.None));

        Assert.Equal("s3", error.Backend);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        var s3Error = Assert.IsType<AmazonS3Exception>(error.InnerException);
        Assert.Equal(status, s3Error.StatusCode);
        Assert.Equal(errorCode, s3Error.ErrorCode);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task DeleteExpiredAsync_S3SlowDown_ThrowsBackendUnavailable()
    {
        await using var endpoint = await FailingS3Endpoint.StartAsync(HttpStatusCode.ServiceUnavailable, "SlowDown");
        using var client = S3PayloadStoreClientFactory.Create(Options(endpoint));
        var store = new S3PayloadStore(client, Options(endpoint), TimeProvider.System, NullLogger<S3PayloadStore>.Instance);

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => store.DeleteExpiredAsync(Now, CancellationToken.None));

        Assert.Contains("ListObjectsV2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreAsync_S3SlowDownWithSdkRetries_RetriesThenThrowsBackendUnavailable()
    {
        await using var endpoint = await FailingS3Endpoint.StartAsync(HttpStatusCode.ServiceUnavailable, "SlowDown");
        var options = Options(endpoint);
        options.MaxErrorRetry = 1;
        using var client = S3PayloadStoreClientFactory.Create(options);
        var store = new S3PayloadStore(client, options, TimeProvider.System, NullLogger<S3PayloadStore>.Instance);

        await Assert.ThrowsAsync<BackendUnavailableException>(
            () => store.StoreAsync("k", Encoding.UTF8.GetBytes("{}"), Now, CancellationToken.None));

        Assert.Equal(2, endpoint.Requests);
    }

    [Fact]
    public async Task StoreAsync_S3AccessDenied_PropagatesTheS3Error()
    {
        await using var endpoint = await FailingS3Endpoint.StartAsync(HttpStatusCode.Forbidden, "AccessDenied");
        using var client = S3PayloadStoreClientFactory.Create(Options(endpoint));
        var store = new S3PayloadStore(client, Options(endpoint), TimeProvider.System, NullLogger<S3PayloadStore>.Instance);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(
            () => store.StoreAsync("k", Encoding.UTF8.GetBytes("{}"), Now, CancellationToken.None));

        Assert.Equal("AccessDenied", error.ErrorCode);
    }

    private static S3PayloadStoreOptions Options(FailingS3Endpoint endpoint) => new()
    {
        BucketName = "throttled-bucket",
        ServiceUrl = endpoint.ServiceUrl,
        ForcePathStyle = true,
        UseChunkEncoding = false,
        ServerSideEncryption = S3ServerSideEncryption.Aes256,
        MaxErrorRetry = 0,
        UnavailableRetryAfter = TimeSpan.FromSeconds(7),
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    };
}
