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
        if (string.IsNullOrWhiteSpace(TableName))
        {
            problems.Add("SL4121: DynamoDbIssuanceLedgerOptions.TableName is required.");
        }
        else if (!DynamoDbOptionRules.IsValidTableName(TableName))
        {
            problems.Add($"SL4122: DynamoDbIssuanceLedgerOptions.TableName '{TableName}' is not a valid DynamoDB table name: use 3 to 255 letters, digits, '_', '-' and '.'.");
        }

        if (ServiceUrl is not null && !DynamoDbOptionRules.IsValidServiceUrl(ServiceUrl))
        {
            problems.Add($"SL4123: DynamoDbIssuanceLedgerOptions.ServiceUrl '{ServiceUrl}' must be an absolute http or https URL.");
        }

        if (Region is not null && !DynamoDbOptionRules.IsValidRegion(Region))
        {
            problems.Add($"SL4124: DynamoDbIssuanceLedgerOptions.Region '{Region}' is not an AWS region name such as 'eu-west-1'.");
        }

        if (MaxAttempts is < 1 or > DynamoDbOptionRules.MaxAttemptsLimit)
        {
            problems.Add($"SL4125: DynamoDbIssuanceLedgerOptions.MaxAttempts must be between 1 and {DynamoDbOptionRules.MaxAttemptsLimit} but is {MaxAttempts}.");
        }

        if (!DynamoDbOptionRules.IsValidRetryAfter(UnavailableRetryAfter))
        {
            problems.Add($"SL4126: DynamoDbIssuanceLedgerOptions.UnavailableRetryAfter must be between 1 second and 1 hour but is {UnavailableRetryAfter}.");
        }

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
