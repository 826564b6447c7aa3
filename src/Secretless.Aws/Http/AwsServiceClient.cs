using Amazon.Runtime;

namespace Secretless.Aws.Http;

/// <summary>
/// Signs (SigV4, AWSSDK.Core's public signer) and sends <see cref="AwsRequest"/>s to one service,
/// retrying throttling and 5xx with backoff; any other error becomes an <see cref="AwsServiceException"/>.
/// CONTRACT STUB: the transport helper implements this file.
/// </summary>
public sealed class AwsServiceClient : IDisposable
{
    /// <param name="credentials">Null takes the standard AWS credential chain (environment, profile, container, instance).</param>
    /// <param name="handler">Null uses a pooled <see cref="SocketsHttpHandler"/>.</param>
    public AwsServiceClient(
        AwsServiceEndpoint endpoint,
        AWSCredentials? credentials,
        AwsRetryOptions retry,
        TimeProvider timeProvider,
        HttpMessageHandler? handler = null)
    {
        Endpoint = endpoint;
        _ = credentials;
        _ = retry;
        _ = timeProvider;
        _ = handler;
    }

    public AwsServiceEndpoint Endpoint { get; }

    /// <summary>Sends the request; returns the 2xx response or throws <see cref="AwsServiceException"/>.</summary>
    public Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
        => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
