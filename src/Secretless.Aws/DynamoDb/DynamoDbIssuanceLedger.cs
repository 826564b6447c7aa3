using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Secretless.Core.Issuance;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// The issuance ledger in a DynamoDB table (item layout on <see cref="DynamoDbIssuanceItems"/>),
/// so the Lambda host needs no local database. Every state change is a conditional write, so the
/// state only moves forward (Pending → Issued → Completed) and, across processes, the first writer
/// of each step wins — the same contract as the SQLite ledger. The one way back, Completed → Pending
/// for a revoked certificate (<see cref="ReopenAsync"/>), is conditional on the expected certificate id.
/// </summary>
public sealed class DynamoDbIssuanceLedger : IIssuanceLedger
{
    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbIssuanceLedgerOptions _options;
    private readonly ILogger<DynamoDbIssuanceLedger> _logger;
    private readonly DynamoDbTable _table;
    private readonly DynamoDbTableCalls _calls;

    public DynamoDbIssuanceLedger(
        IAmazonDynamoDB client,
        DynamoDbIssuanceLedgerOptions options,
        TimeProvider timeProvider,
        ILogger<DynamoDbIssuanceLedger> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.ThrowIfInvalid();
        _client = client;
        _options = options;
        _logger = logger;
        _table = new DynamoDbTable(client, options.TableName, DynamoDbIssuanceItems.IssuanceKeyName, options.CreateTableIfMissing, timeProvider, logger);
        _calls = new DynamoDbTableCalls(client, options.TableName, options.UnavailableRetryAfter, logger);
    }

    private string Table => _options.TableName;

    /// <summary>PutItem if absent; when another caller (any process) got there first, its record is returned.</summary>
    public async Task<IssuanceRecord> BeginAsync(IssuanceKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Validate(key);
        await _table.EnsureReadyAsync(cancellationToken);
        var item = DynamoDbIssuanceItems.NewPending(key, now);
        try
        {
            await _calls.CallAsync("PutItem", () => _client.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = item,
                ConditionExpression = "attribute_not_exists(#key)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#key"] = DynamoDbIssuanceItems.IssuanceKeyName },
            }, cancellationToken));
            return DynamoDbIssuanceItems.Read(item);
        }
        catch (ConditionalCheckFailedException)
        {
            DynamoDbLog.IssuanceAlreadyBegun(_logger, key.DeviceId);
            return await FindConsistentAsync(key, cancellationToken)
                ?? throw new InvalidOperationException($"The issuance record for device '{key.DeviceId}' vanished right after it was created.");
        }
    }

    /// <summary>
    /// Stores the certificate only while the record is Pending. A second call (a retry, or a
    /// racing request that also got a certificate) keeps the first one and is not an error.
    /// </summary>
    public async Task RecordIssuedAsync(IssuanceKey key, IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        Validate(key);
        ArgumentNullException.ThrowIfNull(certificate);
        await _table.EnsureReadyAsync(cancellationToken);
        var values = DynamoDbIssuanceItems.IssuedValues(certificate);
        values[":issued"] = DynamoDbIssuanceItems.StateValue(IssuanceState.Issued);
        values[":pending"] = DynamoDbIssuanceItems.StateValue(IssuanceState.Pending);
        const string update = "SET #state = :issued, #der = :der, #chain = :chain, #serial = :serial, #notAfter = :notAfter, #reference = :reference";
        const string condition = "#state = :pending";
        var recorded = await _calls.TryUpdateItemAsync(
            DynamoDbIssuanceItems.Key(key),
            updateExpression: update,
            conditionExpression: condition,
            attributeNames: DynamoDbIssuanceItems.AttributeNamesUsedIn(update, condition),
            attributeValues: values,
            cancellationToken);
        if (!recorded)
        {
            // The condition also fails when the item is absent (no state): that one is a caller bug.
            _ = await FindConsistentAsync(key, cancellationToken)
                ?? throw new InvalidOperationException($"No issuance was begun for device '{key.DeviceId}' and this CSR.");
            DynamoDbLog.IssuanceAlreadyRecorded(_logger, key.DeviceId);
        }
    }

    /// <summary>Issued → Completed; completing again keeps the first completion; a Pending record cannot complete.</summary>
    public async Task CompleteAsync(IssuanceKey key, string certificateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Validate(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateId);
        await _table.EnsureReadyAsync(cancellationToken);
        const string update = "SET #state = :completed, #certificateId = :certificateId, #completedAt = :now";
        const string condition = "#state = :issued";
        var completed = await _calls.TryUpdateItemAsync(
            DynamoDbIssuanceItems.Key(key),
            updateExpression: update,
            conditionExpression: condition,
            attributeNames: DynamoDbIssuanceItems.AttributeNamesUsedIn(update, condition),
            attributeValues: new()
            {
                [":completed"] = DynamoDbIssuanceItems.StateValue(IssuanceState.Completed),
                [":issued"] = DynamoDbIssuanceItems.StateValue(IssuanceState.Issued),
                [":certificateId"] = new AttributeValue { S = certificateId },
                [":now"] = DynamoDbTimestamps.ToAttribute(now),
            },
            cancellationToken);
        if (!completed)
        {
            var existing = await FindConsistentAsync(key, cancellationToken);
            switch (existing?.State)
            {
                case null:
                    throw new InvalidOperationException($"No issuance was begun for device '{key.DeviceId}' and this CSR.");
                case IssuanceState.Pending:
                    throw new InvalidOperationException($"The issuance for device '{key.DeviceId}' cannot complete before a certificate is recorded.");
                default:
                    return; // Already completed: completing again is a no-op.
            }
        }
    }

    /// <summary>
    /// UpdateItem with ConditionExpression <c>state = COMPLETED AND certificate-id = expected</c>: of
    /// racing callers exactly one reopens; the certificate attributes are removed so the item reads
    /// as a fresh Pending issuance.
    /// </summary>
    public async Task<bool> ReopenAsync(IssuanceKey key, string expectedCertificateId, CancellationToken cancellationToken)
    {
        Validate(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedCertificateId);
        await _table.EnsureReadyAsync(cancellationToken);
        const string update = "SET #state = :pending REMOVE #der, #chain, #serial, #notAfter, #reference, #certificateId, #completedAt";
        const string condition = "#state = :completed AND #certificateId = :expected";
        return await _calls.TryUpdateItemAsync(
            DynamoDbIssuanceItems.Key(key),
            updateExpression: update,
            conditionExpression: condition,
            attributeNames: DynamoDbIssuanceItems.AttributeNamesUsedIn(update, condition),
            attributeValues: new()
            {
                [":pending"] = DynamoDbIssuanceItems.StateValue(IssuanceState.Pending),
                [":completed"] = DynamoDbIssuanceItems.StateValue(IssuanceState.Completed),
                [":expected"] = new AttributeValue { S = expectedCertificateId },
            },
            cancellationToken);
    }

    public async Task<IssuanceRecord?> FindAsync(IssuanceKey key, CancellationToken cancellationToken)
    {
        Validate(key);
        await _table.EnsureReadyAsync(cancellationToken);
        return await GetAsync(key, _options.ConsistentRead, cancellationToken);
    }

    /// <summary>
    /// Scan with a filter on state (every page; DynamoDB still reads the whole table, so the cost
    /// grows with the ledger's size), then the oldest first by <c>created-at</c>. Meant for the
    /// resume at start-up, not for a hot path.
    /// </summary>
    public async Task<IReadOnlyList<IssuanceRecord>> ListIncompleteAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await _table.EnsureReadyAsync(cancellationToken);
        var records = new List<IssuanceRecord>();
        var request = new ScanRequest
        {
            ConsistentRead = _options.ConsistentRead,
            FilterExpression = "#state <> :completed",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#state"] = DynamoDbIssuanceItems.State },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":completed"] = DynamoDbIssuanceItems.StateValue(IssuanceState.Completed),
            },
        };
        await _calls.ScanAllAsync(request, page => records.AddRange((page.Items ?? []).Select(DynamoDbIssuanceItems.Read)), cancellationToken);

        return [.. records
            .OrderBy(record => record.CreatedAt)
            .ThenBy(record => DynamoDbIssuanceItems.KeyText(record.Key), StringComparer.Ordinal)
            .Take(limit)];
    }

    private Task<IssuanceRecord?> FindConsistentAsync(IssuanceKey key, CancellationToken cancellationToken) =>
        GetAsync(key, consistentRead: true, cancellationToken);

    private async Task<IssuanceRecord?> GetAsync(IssuanceKey key, bool consistentRead, CancellationToken cancellationToken)
    {
        var item = await _calls.GetItemAsync(DynamoDbIssuanceItems.Key(key), consistentRead, cancellationToken);
        return item is null ? null : DynamoDbIssuanceItems.Read(item);
    }

    private static void Validate(IssuanceKey key)
    {
        if (string.IsNullOrEmpty(key.DeviceId) || string.IsNullOrEmpty(key.CsrSha256Hex))
        {
            throw new ArgumentException("The issuance key needs a device id and a CSR hash.", nameof(key));
        }

        if (key.DeviceId.Contains('#', StringComparison.Ordinal))
        {
            // '#' separates the two parts of the table's hash key; thing names never contain it.
            throw new ArgumentException("A device id in the issuance key must not contain '#'.", nameof(key));
        }
    }
}
