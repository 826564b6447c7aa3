using Amazon.Runtime;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// Settings of the DynamoDB issuance ledger. Bound from <c>Secretless:Ledger:*</c> when
/// <c>Secretless:Ledger:Type</c> is <c>DynamoDb</c>; checked by <see cref="Validate"/> at start-up.
/// </summary>
public sealed class DynamoDbIssuanceLedgerOptions
{
    /// <summary>The table (hash key <c>issuance-key</c>, string). Required.</summary>
    public string TableName { get; set; } = "";

    /// <summary>Strongly consistent reads (default true): a retry right after a crash sees the record just written.</summary>
    public bool ConsistentRead { get; set; } = true;

    /// <summary>
    /// Create the table (right key schema, PAY_PER_REQUEST) on first use when it does not exist,
    /// and wait until it is ACTIVE. For tests and a developer's <c>secretless serve</c>. Default false.
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
            nameof(DynamoDbIssuanceLedgerOptions),
            TableName,
            ServiceUrl,
            Region,
            tableRequiredCode: "SL4121",
            tableNameCode: "SL4122",
            serviceUrlCode: "SL4123",
            regionCode: "SL4124");
        DynamoDbOptionRules.AddRetryProblems(
            problems,
            nameof(DynamoDbIssuanceLedgerOptions),
            MaxAttempts,
            UnavailableRetryAfter,
            maxAttemptsCode: "SL4125",
            retryAfterCode: "SL4126");

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
