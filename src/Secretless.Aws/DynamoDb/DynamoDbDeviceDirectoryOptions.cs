namespace Secretless.Aws.DynamoDb;

/// <summary>
/// Settings of the DynamoDB device directory. Bound from <c>Secretless:Directory:*</c> when
/// <c>Secretless:Directory:Type</c> is <c>DynamoDb</c>; checked by <see cref="Validate"/> at start-up.
/// </summary>
public sealed class DynamoDbDeviceDirectoryOptions : AwsBackendOptions
{
    public DynamoDbDeviceDirectoryOptions()
        : base(unavailableRetryAfter: TimeSpan.FromSeconds(2))
    {
    }

    /// <summary>The most keys one BatchGetItem call may carry (a DynamoDB limit).</summary>
    public const int MaxKeysPerBatchGet = 100;

    /// <summary>The most puts one BatchWriteItem call may carry (a DynamoDB limit).</summary>
    public const int MaxItemsPerBatchWrite = 25;

    /// <summary>
    /// The table (hash key <c>device-id</c>, string). Required; the reference sample names it
    /// <c>widgiot-iot-provisioning-secretfree</c>, but no default is assumed so a typo never
    /// silently reads an empty table.
    /// </summary>
    public string TableName { get; set; } = "";

    /// <summary>
    /// Strongly consistent reads for <c>FindAsync</c>, listing and counting (default true): a key
    /// imported a moment ago authorizes at once. False halves the read cost.
    /// </summary>
    public bool ConsistentRead { get; set; } = true;

    /// <summary>BatchGetItem / BatchWriteItem calls an import keeps in flight at once (1 to 64).</summary>
    public int ImportParallelism { get; set; } = 8;

    /// <summary>
    /// Calls per batch while DynamoDB hands back UnprocessedKeys / UnprocessedItems (1 to 20); the
    /// waits in between grow exponentially from <see cref="BatchRetryBaseDelay"/> with full jitter.
    /// </summary>
    public int MaxBatchAttempts { get; set; } = 8;

    /// <summary>First backoff before re-sending unprocessed batch items (1 ms to 10 s).</summary>
    public TimeSpan BatchRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Create the table (right key schema, PAY_PER_REQUEST) on first use when it does not exist,
    /// and wait until it is ACTIVE. For tests and a developer's <c>secretless serve</c>; production
    /// tables belong to infrastructure code. Default false.
    /// </summary>
    public bool CreateTableIfMissing { get; set; }

    public override IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        DynamoDbOptionRules.AddTableAndEndpointProblems(
            problems,
            nameof(DynamoDbDeviceDirectoryOptions),
            TableName,
            ServiceUrl,
            Region,
            tableRequiredCode: "SL4101",
            tableNameCode: "SL4102",
            serviceUrlCode: "SL4103",
            regionCode: "SL4104",
            tableRequiredHint: " (the reference sample's table is 'widgiot-iot-provisioning-secretfree')");

        if (ImportParallelism is < 1 or > 64)
        {
            problems.Add($"SL4105: DynamoDbDeviceDirectoryOptions.ImportParallelism must be between 1 and 64 but is {ImportParallelism}.");
        }

        if (MaxBatchAttempts is < 1 or > 20)
        {
            problems.Add($"SL4106: DynamoDbDeviceDirectoryOptions.MaxBatchAttempts must be between 1 and 20 but is {MaxBatchAttempts}.");
        }

        if (BatchRetryBaseDelay < TimeSpan.FromMilliseconds(1) || BatchRetryBaseDelay > TimeSpan.FromSeconds(10))
        {
            problems.Add($"SL4107: DynamoDbDeviceDirectoryOptions.BatchRetryBaseDelay must be between 1 millisecond and 10 seconds but is {BatchRetryBaseDelay}.");
        }

        DynamoDbOptionRules.AddRetryProblems(
            problems,
            nameof(DynamoDbDeviceDirectoryOptions),
            MaxAttempts,
            UnavailableRetryAfter,
            maxAttemptsCode: "SL4108",
            retryAfterCode: "SL4109");

        return problems;
    }
}
