using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// The single-item and scan calls both DynamoDB backends make on their one table, each passed
/// through <see cref="DynamoDbFailures.CallAsync{T}"/> so throttling and outages become 503s the
/// same way in both.
/// </summary>
internal sealed class DynamoDbTableCalls
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly TimeSpan _unavailableRetryAfter;
    private readonly ILogger _logger;

    public DynamoDbTableCalls(IAmazonDynamoDB client, string table, TimeSpan unavailableRetryAfter, ILogger logger)
    {
        _client = client;
        _table = table;
        _unavailableRetryAfter = unavailableRetryAfter;
        _logger = logger;
    }

    public Task<T> CallAsync<T>(string operation, Func<Task<T>> call) =>
        DynamoDbFailures.CallAsync(operation, _table, _unavailableRetryAfter, _logger, call);

    /// <summary>GetItem; null when there is no item under <paramref name="key"/>.</summary>
    public async Task<Dictionary<string, AttributeValue>?> GetItemAsync(
        Dictionary<string, AttributeValue> key,
        bool consistentRead,
        CancellationToken cancellationToken)
    {
        var response = await CallAsync("GetItem", () => _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = key,
            ConsistentRead = consistentRead,
        }, cancellationToken));
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>
    /// UpdateItem under <paramref name="conditionExpression"/>; false when the condition did not
    /// hold (which includes a missing item), so each caller decides what that means for it.
    /// </summary>
    public async Task<bool> TryUpdateItemAsync(
        Dictionary<string, AttributeValue> key,
        string updateExpression,
        string conditionExpression,
        Dictionary<string, string> attributeNames,
        Dictionary<string, AttributeValue> attributeValues,
        CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("UpdateItem", () => _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = key,
                UpdateExpression = updateExpression,
                ConditionExpression = conditionExpression,
                ExpressionAttributeNames = attributeNames,
                ExpressionAttributeValues = attributeValues,
            }, cancellationToken));
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Scans every page: <paramref name="request"/> (its filter, projection, consistency) is sent
    /// once per page with the table and the previous page's last key filled in.
    /// </summary>
    public async Task ScanAllAsync(ScanRequest request, Action<ScanResponse> onPage, CancellationToken cancellationToken)
    {
        request.TableName = _table;
        request.ExclusiveStartKey = null;
        do
        {
            var page = await CallAsync("Scan", () => _client.ScanAsync(request, cancellationToken));
            onPage(page);
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
    }
}
