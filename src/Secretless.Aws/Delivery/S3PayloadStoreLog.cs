using Microsoft.Extensions.Logging;

namespace Secretless.Aws.Delivery;

/// <summary>The S3 payload store's log messages; event ids 4100–4119 are reserved for it. URLs are never logged: they are bearer credentials.</summary>
internal static partial class S3PayloadStoreLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug,
        Message = "Stored payload {ObjectKey} ({Bytes} bytes) in bucket {Bucket}, expires {ExpiresAt:O}")]
    public static partial void Stored(ILogger logger, string objectKey, int bytes, string bucket, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Deleted {Deleted} expired payloads of {Listed} listed under {Prefix} in bucket {Bucket}")]
    public static partial void DeletedExpired(ILogger logger, int deleted, int listed, string prefix, string bucket);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "S3 could not delete payload {ObjectKey}: {ErrorCode} {ErrorMessage}")]
    public static partial void DeleteFailed(ILogger logger, string objectKey, string? errorCode, string? errorMessage);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "S3 {Operation} on bucket {Bucket} is unavailable ({StatusCode} {ErrorCode}); devices are told to retry after {RetryAfter}")]
    public static partial void Unavailable(ILogger logger, string operation, string bucket, int statusCode, string? errorCode, TimeSpan retryAfter);
}
