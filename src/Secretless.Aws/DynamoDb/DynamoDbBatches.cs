using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// BatchGetItem (100 keys) and BatchWriteItem (25 puts) over one table, several calls in flight,
/// re-sending UnprocessedKeys / UnprocessedItems with backoff until a bounded number of attempts.
/// </summary>
internal sealed class DynamoDbBatches
{
    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbDeviceDirectoryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public DynamoDbBatches(IAmazonDynamoDB client, DynamoDbDeviceDirectoryOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _client = client;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    private string Table => _options.TableName;

    /// <summary>The stored items of <paramref name="deviceIds"/> that exist (strongly consistent), by device id.</summary>
    public async Task<IReadOnlyDictionary<string, Dictionary<string, AttributeValue>>> GetAsync(
        IReadOnlyList<string> deviceIds,
        CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            deviceIds.Chunk(DynamoDbDeviceDirectoryOptions.MaxKeysPerBatchGet),
            ParallelOptions(cancellationToken),
            async (chunk, token) =>
            {
                var keys = chunk.Select(DynamoDbDeviceItems.Key).ToList();
                for (var attempt = 1; keys.Count > 0; attempt++)
                {
                    var request = new BatchGetItemRequest
                    {
                        RequestItems = new Dictionary<string, KeysAndAttributes>
                        {
                            [Table] = new KeysAndAttributes { Keys = keys, ConsistentRead = true },
                        },
                    };
                    var response = await DynamoDbFailures.CallAsync("BatchGetItem", Table, _options.UnavailableRetryAfter, _logger,
                        () => _client.BatchGetItemAsync(request, token));
                    if (response.Responses?.GetValueOrDefault(Table) is { } items)
                    {
                        foreach (var item in items)
                        {
                            found[item[DynamoDbDeviceItems.DeviceId].S] = item;
                        }
                    }

                    keys = response.UnprocessedKeys?.GetValueOrDefault(Table)?.Keys ?? [];
                    await BackOffAsync("BatchGetItem", keys.Count, attempt, token);
                }
            });
        return found;
    }

    /// <summary>Puts every item; <paramref name="onWritten"/> hears how many items each call stored.</summary>
    public Task PutAsync(
        IReadOnlyList<Dictionary<string, AttributeValue>> items,
        Action<int> onWritten,
        CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            items.Chunk(DynamoDbDeviceDirectoryOptions.MaxItemsPerBatchWrite),
            ParallelOptions(cancellationToken),
            async (chunk, token) =>
            {
                var requests = chunk.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }).ToList();
                for (var attempt = 1; requests.Count > 0; attempt++)
                {
                    var request = new BatchWriteItemRequest
                    {
                        RequestItems = new Dictionary<string, List<WriteRequest>> { [Table] = requests },
                    };
                    var response = await DynamoDbFailures.CallAsync("BatchWriteItem", Table, _options.UnavailableRetryAfter, _logger,
                        () => _client.BatchWriteItemAsync(request, token));
                    var unprocessed = response.UnprocessedItems?.GetValueOrDefault(Table) ?? [];
                    onWritten(requests.Count - unprocessed.Count);
                    requests = unprocessed;
                    await BackOffAsync("BatchWriteItem", requests.Count, attempt, token);
                }
            });

    private async Task BackOffAsync(string operation, int unprocessed, int attempt, CancellationToken cancellationToken)
    {
        if (unprocessed == 0)
        {
            return;
        }

        if (attempt >= _options.MaxBatchAttempts)
        {
            throw DynamoDbFailures.BatchExhausted(operation, Table, unprocessed, attempt, _options.UnavailableRetryAfter);
        }

        var delay = DynamoDbBackoff.Delay(attempt, _options.BatchRetryBaseDelay);
        DynamoDbLog.UnprocessedRetry(_logger, operation, Table, unprocessed, attempt, delay);
        await Task.Delay(delay, _timeProvider, cancellationToken);
    }

    private ParallelOptions ParallelOptions(CancellationToken cancellationToken) => new()
    {
        MaxDegreeOfParallelism = _options.ImportParallelism,
        CancellationToken = cancellationToken,
    };
}
