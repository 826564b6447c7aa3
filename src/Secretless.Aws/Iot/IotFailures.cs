using Microsoft.Extensions.Logging;
using Secretless.Aws.Http;
using Secretless.Core.Errors;

namespace Secretless.Aws.Iot;

/// <summary>
/// Turns "AWS IoT is throttled or down" (still so after the transport's retries, or unreachable)
/// into <see cref="BackendUnavailableException"/>, so devices get 503 + Retry-After. Every other
/// error is left to the caller.
/// </summary>
internal static class IotFailures
{
    public const string Backend = "iot";

    public static async Task<T> GuardAsync<T>(string operation, TimeSpan retryAfter, ILogger logger, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AwsServiceException exception) when (exception.IsRetryable)
        {
            IotCoreLog.Unavailable(logger, operation, exception.StatusCode, exception.ErrorCode, retryAfter);
            throw new BackendUnavailableException(Backend, retryAfter,
                $"AWS IoT {operation} is throttled or unavailable ({exception.ErrorCode}); retry later.", exception);
        }
        catch (HttpRequestException exception)
        {
            IotCoreLog.Unavailable(logger, operation, 0, exception.HttpRequestError.ToString(), retryAfter);
            throw new BackendUnavailableException(Backend, retryAfter, $"AWS IoT {operation} could not be reached; retry later.", exception);
        }
    }

    public static bool Is(this AwsServiceException exception, string errorCode) =>
        string.Equals(exception.ErrorCode, errorCode, StringComparison.Ordinal);
}
