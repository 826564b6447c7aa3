namespace Secretless.Aws.DynamoDb;

/// <summary>
/// Settings of the DynamoDB issuance ledger. Bound from <c>Secretless:Ledger:*</c> when
/// <c>Secretless:Ledger:Type</c> is <c>DynamoDb</c>; checked by <see cref="Validate"/> at start-up.
/// </summary>
public sealed class DynamoDbIssuanceLedgerOptions : AwsBackendOptions
{
    public DynamoDbIssuanceLedgerOptions()
        : base(unavailableRetryAfter: TimeSpan.FromSeconds(2))
    {
    }

    /// <summary>The table (hash key <c>issuance-key</c>, string). Required.</summary>
    public string TableName { get; set; } = "";

    /// <summary>Strongly consistent reads (default true): a retry right after a crash sees the record just written.</summary>
    public bool ConsistentRead { get; set; } = true;

    /// <summary>
    /// Create the table (right key schema, PAY_PER_REQUEST) on first use when it does not exist,
    /// and wait until it is ACTIVE. For tests and a developer's <c>secretless serve</c>. Default false.
    /// </summary>
    public bool CreateTableIfMissing { get; set; }

    public override IReadOnlyList<string> Validate()
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
}
