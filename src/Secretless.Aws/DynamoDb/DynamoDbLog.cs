using Microsoft.Extensions.Logging;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// Log messages of the DynamoDB directory and ledger; event ids 4150–4199 are reserved for them.
/// Public keys are public, but only device ids and counts are logged: the messages stay short.
/// </summary>
internal static partial class DynamoDbLog
{
    [LoggerMessage(EventId = 4150, Level = LogLevel.Warning,
        Message = "DynamoDB {Operation} on table {Table} is unavailable ({StatusCode} {ErrorCode}); callers are told to retry after {RetryAfter}")]
    public static partial void Unavailable(ILogger logger, string operation, string table, int statusCode, string? errorCode, TimeSpan retryAfter);

    [LoggerMessage(EventId = 4151, Level = LogLevel.Error,
        Message = "Device {DeviceId} in table {Table} has an unusable stored item: {Reason}")]
    public static partial void UnusableDeviceItem(ILogger logger, string deviceId, string table, string reason);

    [LoggerMessage(EventId = 4152, Level = LogLevel.Information,
        Message = "Creating DynamoDB table {Table} (hash key {KeyAttribute}, on-demand)")]
    public static partial void CreatingTable(ILogger logger, string table, string keyAttribute);

    [LoggerMessage(EventId = 4153, Level = LogLevel.Information,
        Message = "DynamoDB table {Table} is active")]
    public static partial void TableActive(ILogger logger, string table);

    [LoggerMessage(EventId = 4154, Level = LogLevel.Information,
        Message = "Import into {Table}: {Inserted} inserted, {Unchanged} unchanged, {Replaced} replaced")]
    public static partial void ImportCommitted(ILogger logger, string table, int inserted, int unchanged, int replaced);

    [LoggerMessage(EventId = 4155, Level = LogLevel.Warning,
        Message = "Import into {Table} refused: {Conflicts} devices already have a different key; nothing was written")]
    public static partial void ImportConflicts(ILogger logger, string table, int conflicts);

    [LoggerMessage(EventId = 4156, Level = LogLevel.Error,
        Message = "Import into {Table} stopped after writing {Written} of {ToWrite} items; re-running the same import finishes it")]
    public static partial void ImportIncomplete(ILogger logger, Exception exception, string table, int written, int toWrite);

    [LoggerMessage(EventId = 4157, Level = LogLevel.Debug,
        Message = "DynamoDB {Operation} on table {Table} left {Unprocessed} items unprocessed (attempt {Attempt}); retrying after {Delay}")]
    public static partial void UnprocessedRetry(ILogger logger, string operation, string table, int unprocessed, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4158, Level = LogLevel.Debug,
        Message = "Issuance {DeviceId} was begun by another caller; using the stored record")]
    public static partial void IssuanceAlreadyBegun(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 4159, Level = LogLevel.Debug,
        Message = "Issuance {DeviceId} already left Pending; the first recorded certificate is kept")]
    public static partial void IssuanceAlreadyRecorded(ILogger logger, string deviceId);
}
