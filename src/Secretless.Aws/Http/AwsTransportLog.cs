using Microsoft.Extensions.Logging;

namespace Secretless.Aws.Http;

/// <summary>The AWS transport's log messages; event ids 4400–4449. Credentials and bodies are never logged.</summary>
internal static partial class AwsTransportLog
{
    [LoggerMessage(EventId = 4400, Level = LogLevel.Debug,
        Message = "{Service} {Operation} answered {StatusCode} on attempt {Attempt}")]
    public static partial void Answered(ILogger logger, string service, string operation, int statusCode, int attempt);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information,
        Message = "{Service} {Operation} failed with {StatusCode} {ErrorCode} on attempt {Attempt} of {MaxAttempts}; retrying in {Delay}")]
    public static partial void RetryingAfterError(ILogger logger, string service, string operation, int statusCode, string errorCode, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Information,
        Message = "{Service} {Operation} could not be sent on attempt {Attempt} of {MaxAttempts}; retrying in {Delay}")]
    public static partial void RetryingAfterTransportFailure(ILogger logger, Exception exception, string service, string operation, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Debug,
        Message = "{Service} {Operation} failed with {StatusCode} {ErrorCode} (request id {RequestId}); not retried")]
    public static partial void Failed(ILogger logger, string service, string operation, int statusCode, string errorCode, string? requestId);

    [LoggerMessage(EventId = 4404, Level = LogLevel.Warning,
        Message = "{Service} {Operation} still failing after {Attempts} attempts: {StatusCode} {ErrorCode} (request id {RequestId})")]
    public static partial void GaveUp(ILogger logger, string service, string operation, int attempts, int statusCode, string errorCode, string? requestId);
}
