using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Secretless.Aws.Http;

/// <summary>
/// Signs (SigV4, AWSSDK.Core's public signer, see <see cref="AwsRequestSigner"/>) and sends
/// <see cref="AwsRequest"/>s to one service. Throttling, 5xx and connection failures are retried
/// with full-jitter exponential backoff (<see cref="AwsRetryOptions"/>), each attempt signed anew
/// with a fresh <c>x-amz-date</c> and the credentials' current keys. Any other error answer, or
/// the last retryable one, becomes an <see cref="AwsServiceException"/>; a connection failure on
/// the last attempt surfaces as the <see cref="HttpRequestException"/> itself.
/// </summary>
public sealed class AwsServiceClient : IDisposable
{
    private readonly AwsCredentialsResolver _credentials;
    private readonly AwsRetryOptions _retry;
    private readonly TimeProvider _timeProvider;
    private readonly HttpClient _http;
    private readonly ILogger _logger;

    /// <param name="credentials">Null takes the standard AWS credential chain (environment, profile, container, instance).</param>
    /// <param name="handler">Null uses a pooled <see cref="SocketsHttpHandler"/>; a given handler is not disposed with the client.</param>
    /// <param name="logger">Retries and failures are logged here (event ids 4400–4449).</param>
    public AwsServiceClient(
        AwsServiceEndpoint endpoint,
        AWSCredentials? credentials,
        AwsRetryOptions retry,
        TimeProvider timeProvider,
        HttpMessageHandler? handler = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(retry.MaxAttempts, 1, nameof(retry));
        Endpoint = endpoint;
        _credentials = new AwsCredentialsResolver(credentials);
        _retry = retry;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromSeconds(30);
    }

    public AwsServiceEndpoint Endpoint { get; }

    /// <summary>Sends the request; returns the 2xx response or throws <see cref="AwsServiceException"/>.</summary>
    public async Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            using var message = AwsRequestSigner.CreateSignedRequest(request, Endpoint, credentials, _timeProvider.GetUtcNow());

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsTransportFailure(exception, cancellationToken) && attempt < _retry.MaxAttempts)
            {
                var wait = Backoff(attempt);
                AwsTransportLog.RetryingAfterTransportFailure(_logger, exception, Endpoint.SigningName, request.Operation, attempt, _retry.MaxAttempts, wait);
                await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var headers = Headers(response);
                if (response.IsSuccessStatusCode)
                {
                    AwsTransportLog.Answered(_logger, Endpoint.SigningName, request.Operation, status, attempt);
                    return new AwsResponse(status, headers, body);
                }

                var error = AwsErrorParser.Parse(Endpoint.SigningName, request.Operation, status, headers, body);
                if (!error.IsRetryable)
                {
                    AwsTransportLog.Failed(_logger, Endpoint.SigningName, request.Operation, status, error.ErrorCode, error.RequestId);
                    throw error;
                }

                if (attempt >= _retry.MaxAttempts)
                {
                    AwsTransportLog.GaveUp(_logger, Endpoint.SigningName, request.Operation, attempt, status, error.ErrorCode, error.RequestId);
                    throw error;
                }

                var delay = Backoff(attempt);
                AwsTransportLog.RetryingAfterError(_logger, Endpoint.SigningName, request.Operation, status, error.ErrorCode, attempt, _retry.MaxAttempts, delay);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _credentials.Dispose();
    }

    /// <summary>Full jitter: uniformly between zero and the capped exponential delay of this attempt.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceilingTicks = Math.Min(_retry.MaxDelay.Ticks, _retry.BaseDelay.Ticks * (1L << Math.Min(exponent, 20)));
        return ceilingTicks <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Random.Shared.NextInt64(ceilingTicks + 1));
    }

    // Connection refused/reset, DNS, and HttpClient's own timeout (a cancellation nobody asked for).
    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException
        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        return headers;
    }
}
