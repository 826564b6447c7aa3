using Amazon.Runtime;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// Settings of the DynamoDB device directory. Bound from <c>Secretless:Directory:*</c> when
/// <c>Secretless:Directory:Type</c> is <c>DynamoDb</c>; checked by <see cref="Validate"/> at start-up.
/// </summary>
public sealed class DynamoDbDeviceDirectoryOptions
{
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

    /// <summary>AWS region such as <c>eu-west-1</c>; null takes it from the standard AWS chain (<c>AWS_REGION</c>, profile).</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint of a DynamoDB-compatible service (dynalite, DynamoDB Local). Null means AWS for <see cref="Region"/>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Explicit credentials (tests, emulators); null uses the standard AWS credential chain.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>Calls the SDK makes per request on throttling, 5xx and network errors before giving up (1 to 10).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The <c>Retry-After</c> handed to devices when DynamoDB is throttled or down.</summary>
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Every problem with these settings, one numbered message each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
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

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem <see cref="Validate"/> found.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems));
        }
    }
}
