using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Secretless.Core.Devices;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// The device directory in a DynamoDB table with the reference sample's schema (hash key
/// <c>device-id</c>, <c>pubkey</c> = base64 of the PEM text), so existing tables work unchanged;
/// the attributes this backend adds are listed on <see cref="DynamoDbDeviceItems"/>.
/// </summary>
public sealed class DynamoDbDeviceDirectory : IDeviceDirectory
{
    private readonly DynamoDbDeviceDirectoryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DynamoDbDeviceDirectory> _logger;
    private readonly DynamoDbTable _table;
    private readonly DynamoDbTableCalls _calls;
    private readonly DynamoDbBatches _batches;

    public DynamoDbDeviceDirectory(
        IAmazonDynamoDB client,
        DynamoDbDeviceDirectoryOptions options,
        TimeProvider timeProvider,
        ILogger<DynamoDbDeviceDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.ThrowIfInvalid();
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _table = new DynamoDbTable(client, options.TableName, DynamoDbDeviceItems.DeviceId, options.CreateTableIfMissing, timeProvider, logger);
        _calls = new DynamoDbTableCalls(client, options.TableName, options.UnavailableRetryAfter, logger);
        _batches = new DynamoDbBatches(client, options, timeProvider, logger);
    }

    private string Table => _options.TableName;

    /// <summary>
    /// GetItem (strongly consistent unless <see cref="DynamoDbDeviceDirectoryOptions.ConsistentRead"/>
    /// is off). A stored item whose key does not decode throws <see cref="DynamoDbDeviceItemException"/>
    /// (logged with the device id; the host answers 500) rather than refusing the device: the data is
    /// broken, not the device, and a 403 would hide that from the operator.
    /// </summary>
    public async ValueTask<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (deviceId.Length == 0)
        {
            return null; // DynamoDB rejects empty key values; no device can have this id.
        }

        await _table.EnsureReadyAsync(cancellationToken);
        var item = await _calls.GetItemAsync(DynamoDbDeviceItems.Key(deviceId), _options.ConsistentRead, cancellationToken);
        return item is null ? null : Read(item);
    }

    /// <summary>
    /// Imports the entries. "All-or-nothing" holds for validation and conflicts: every entry is
    /// checked and every existing item read (BatchGetItem, strongly consistent) before anything is
    /// written, and ALL conflicts are reported with nothing written. DynamoDB offers no transaction
    /// for a whole import (TransactWriteItems stops at 100 items; emulators lack it), so the writes
    /// (BatchWriteItem, 25 per call, <see cref="DynamoDbDeviceDirectoryOptions.ImportParallelism"/>
    /// in flight, unprocessed items retried with backoff) are not atomic: if DynamoDB still fails
    /// after the retries, <see cref="DynamoDbImportIncompleteException"/> says how many items were
    /// written; they stay, and re-running the same import is safe (idempotent) and finishes it.
    /// A device changed by someone else between the check and the write is overwritten (last
    /// writer wins) — imports are an admin task, not a concurrent one. Cancellation during the
    /// writes likewise leaves the written items in place. Progress reports entries settled.
    /// </summary>
    public async Task<DeviceImportResult> ImportAsync(
        IReadOnlyList<DeviceImportEntry> entries,
        bool replaceExistingKeys,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _table.EnsureReadyAsync(cancellationToken);
        var importer = new DynamoDbDeviceImporter(_batches, Table, _timeProvider.GetUtcNow(), _logger);
        return await importer.ImportAsync(entries, replaceExistingKeys, progress, cancellationToken);
    }

    /// <summary>UpdateItem conditioned on the item existing, so an unknown device is never created.</summary>
    public async Task<bool> SetStatusAsync(string deviceId, DeviceStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        var statusText = DynamoDbDeviceItems.StatusText(status);
        if (deviceId.Length == 0)
        {
            return false;
        }

        await _table.EnsureReadyAsync(cancellationToken);
        return await _calls.TryUpdateItemAsync(
            DynamoDbDeviceItems.Key(deviceId),
            updateExpression: "SET #status = :status, #updated = :now",
            conditionExpression: "attribute_exists(#id)",
            attributeNames: new()
            {
                ["#status"] = DynamoDbDeviceItems.Status,
                ["#updated"] = DynamoDbDeviceItems.UpdatedAt,
                ["#id"] = DynamoDbDeviceItems.DeviceId,
            },
            attributeValues: new()
            {
                [":status"] = new AttributeValue { S = statusText },
                [":now"] = DynamoDbTimestamps.ToAttribute(_timeProvider.GetUtcNow()),
            },
            cancellationToken);
    }

    /// <summary>
    /// Devices ordered by id after <paramref name="afterDeviceId"/>. DynamoDB scans in hash order,
    /// not id order, so every call scans the WHOLE table (a filter keeps only ids after the cursor,
    /// but DynamoDB still reads and bills every item) and keeps the <paramref name="limit"/>
    /// smallest ids in memory. Paging through N devices costs N/limit full scans: fine for the
    /// admin listing of thousands of devices, not for millions — use an export there.
    /// </summary>
    public async Task<IReadOnlyList<DeviceRecord>> ListAsync(string? afterDeviceId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await _table.EnsureReadyAsync(cancellationToken);

        // Max-heap on the id: the root is the largest of the smallest ids kept so far.
        var smallest = new PriorityQueue<Dictionary<string, AttributeValue>, string>(
            Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a)));
        await ScanAsync(
            afterDeviceId,
            select: null,
            page =>
            {
                foreach (var item in page.Items ?? [])
                {
                    var id = item[DynamoDbDeviceItems.DeviceId].S;
                    if (smallest.Count < limit)
                    {
                        smallest.Enqueue(item, id);
                    }
                    else if (smallest.TryPeek(out _, out var largest) && string.CompareOrdinal(id, largest) < 0)
                    {
                        smallest.EnqueueDequeue(item, id);
                    }
                }
            },
            cancellationToken);

        var items = new List<Dictionary<string, AttributeValue>>(smallest.Count);
        while (smallest.TryDequeue(out var item, out _))
        {
            items.Add(item);
        }

        items.Reverse();
        return [.. items.Select(Read)];
    }

    /// <summary>Scan with Select=COUNT over every page: reads (and bills) the whole table.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await _table.EnsureReadyAsync(cancellationToken);
        long count = 0;
        await ScanAsync(afterDeviceId: null, Select.COUNT, page => count += page.Count ?? 0, cancellationToken);
        return count;
    }

    private Task ScanAsync(string? afterDeviceId, Select? select, Action<ScanResponse> onPage, CancellationToken cancellationToken)
    {
        var request = new ScanRequest
        {
            ConsistentRead = _options.ConsistentRead,
            Select = select,
        };
        if (afterDeviceId is not null)
        {
            request.FilterExpression = "#id > :after";
            request.ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = DynamoDbDeviceItems.DeviceId };
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":after"] = new AttributeValue { S = afterDeviceId } };
        }

        return _calls.ScanAllAsync(request, onPage, cancellationToken);
    }

    private DeviceRecord Read(Dictionary<string, AttributeValue> item)
    {
        try
        {
            return DynamoDbDeviceItems.Read(Table, item);
        }
        catch (DynamoDbDeviceItemException e)
        {
            DynamoDbLog.UnusableDeviceItem(_logger, e.DeviceId, Table, e.Reason);
            throw;
        }
    }
}
