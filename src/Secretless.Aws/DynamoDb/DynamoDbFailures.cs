using System.Net;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Secretless.Core.Errors;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// Turns "DynamoDB is throttled or down" (after the SDK's own retries) into
/// <see cref="BackendUnavailableException"/> (503 + Retry-After); everything else passes unchanged (500).
/// </summary>
internal static class DynamoDbFailures
{
    public const string BackendName = "dynamodb";

    // DynamoDB's throttling codes; ThrottlingException also comes from the control plane (CreateTable).
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
    };

    public static bool IsUnavailable(AmazonServiceException exception) =>
        (int)exception.StatusCode >= 500
        || exception.StatusCode == HttpStatusCode.TooManyRequests
        || (exception.ErrorCode is { } code && ThrottlingCodes.Contains(code));

    public static async Task<T> CallAsync<T>(
        string operation,
        string table,
        TimeSpan retryAfter,
        ILogger logger,
        Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException e) when (IsUnavailable(e))
        {
            DynamoDbLog.Unavailable(logger, operation, table, (int)e.StatusCode, e.ErrorCode, retryAfter);
            throw new BackendUnavailableException(BackendName, retryAfter,
                $"DynamoDB {operation} on table '{table}' failed with {(int)e.StatusCode} {e.ErrorCode}; retry later.", e);
        }
        catch (HttpRequestException e)
        {
            // The endpoint is unreachable even after the SDK's retries: to a device that is "down", not a bug.
            DynamoDbLog.Unavailable(logger, operation, table, 0, "HttpRequestException", retryAfter);
            throw new BackendUnavailableException(BackendName, retryAfter,
                $"DynamoDB {operation} on table '{table}' could not be reached; retry later.", e);
        }
    }

    /// <summary>Thrown when a batch still has unprocessed items after every allowed attempt: DynamoDB is throttling us.</summary>
    public static BackendUnavailableException BatchExhausted(string operation, string table, int unprocessed, int attempts, TimeSpan retryAfter) =>
        new(BackendName, retryAfter,
            $"DynamoDB {operation} on table '{table}' still left {unprocessed} items unprocessed after {attempts} attempts; retry later.");
}
