using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// One backend's table: when asked to, creates it on first use (string hash key, on-demand
/// capacity) and waits until it is ACTIVE. Concurrent first callers share one creation; a failed
/// creation is retried by the next caller instead of being remembered forever.
/// </summary>
internal sealed class DynamoDbTable
{
    private const int MaxStatusPolls = 240;
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(1);

    private readonly IAmazonDynamoDB _client;
    private readonly bool _createIfMissing;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task? _ready;

    public DynamoDbTable(IAmazonDynamoDB client, string name, string hashKeyAttribute, bool createIfMissing, TimeProvider timeProvider, ILogger logger)
    {
        _client = client;
        Name = name;
        HashKeyAttribute = hashKeyAttribute;
        _createIfMissing = createIfMissing;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string Name { get; }

    public string HashKeyAttribute { get; }

    public Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (!_createIfMissing)
        {
            return Task.CompletedTask;
        }

        Task ready;
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                // Not tied to one caller's token: a cancelled first request must not fail the others.
                _ready = CreateIfMissingAsync();
            }

            ready = _ready;
        }

        return ready.WaitAsync(cancellationToken);
    }

    private async Task CreateIfMissingAsync()
    {
        if (await DescribeAsync() is { } existing)
        {
            ThrowIfWrongKey(existing);
        }
        else
        {
            DynamoDbLog.CreatingTable(_logger, Name, HashKeyAttribute);
            try
            {
                await _client.CreateTableAsync(new CreateTableRequest
                {
                    TableName = Name,
                    KeySchema = [new KeySchemaElement(HashKeyAttribute, KeyType.HASH)],
                    AttributeDefinitions = [new AttributeDefinition(HashKeyAttribute, ScalarAttributeType.S)],
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                });
            }
            catch (ResourceInUseException)
            {
                // Another process created it between our look and our create: just wait for it.
            }
        }

        var delay = FirstPollDelay;
        for (var poll = 0; poll < MaxStatusPolls; poll++)
        {
            if ((await DescribeAsync())?.TableStatus == TableStatus.ACTIVE)
            {
                DynamoDbLog.TableActive(_logger, Name);
                return;
            }

            await Task.Delay(delay, _timeProvider);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollDelay.Ticks));
        }

        throw new InvalidOperationException($"DynamoDB table '{Name}' did not become ACTIVE after {MaxStatusPolls} status checks.");
    }

    /// <summary>A table made for something else (say, the ledger's table named as the directory's) fails loudly here, not on every read.</summary>
    private void ThrowIfWrongKey(TableDescription table)
    {
        var hashKey = table.KeySchema?.FirstOrDefault(element => element.KeyType == KeyType.HASH)?.AttributeName;
        if (hashKey != HashKeyAttribute || table.KeySchema?.Count != 1)
        {
            throw new InvalidOperationException(
                $"DynamoDB table '{Name}' exists but its key is not the single hash key '{HashKeyAttribute}' this backend needs (found '{hashKey}').");
        }
    }

    private async Task<TableDescription?> DescribeAsync()
    {
        try
        {
            var response = await _client.DescribeTableAsync(new DescribeTableRequest { TableName = Name });
            return response.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}
