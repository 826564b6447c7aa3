using System.Text.RegularExpressions;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// The checks and messages both DynamoDB options classes share, written once. Each caller passes
/// its own SLxxxx codes (named, so every code can still be found by searching for it) and its
/// class name, which starts each message's subject.
/// </summary>
internal static partial class DynamoDbOptionRules
{
    private const int MaxAttemptsLimit = 10;

    /// <summary>Where the data lives: the table name, then the endpoint, then the region, each problem in that order.</summary>
    public static void AddTableAndEndpointProblems(
        List<string> problems,
        string optionsName,
        string tableName,
        Uri? serviceUrl,
        string? region,
        string tableRequiredCode,
        string tableNameCode,
        string serviceUrlCode,
        string regionCode,
        string tableRequiredHint = "")
    {
        if (string.IsNullOrWhiteSpace(tableName))
        {
            problems.Add($"{tableRequiredCode}: {optionsName}.TableName is required{tableRequiredHint}.");
        }
        else if (!TableNamePattern().IsMatch(tableName))
        {
            problems.Add($"{tableNameCode}: {optionsName}.TableName '{tableName}' is not a valid DynamoDB table name: use 3 to 255 letters, digits, '_', '-' and '.'.");
        }

        if (serviceUrl is not null && !(serviceUrl.IsAbsoluteUri && (serviceUrl.Scheme == Uri.UriSchemeHttp || serviceUrl.Scheme == Uri.UriSchemeHttps)))
        {
            problems.Add($"{serviceUrlCode}: {optionsName}.ServiceUrl '{serviceUrl}' must be an absolute http or https URL.");
        }

        if (region is not null && !RegionPattern().IsMatch(region))
        {
            problems.Add($"{regionCode}: {optionsName}.Region '{region}' is not an AWS region name such as 'eu-west-1'.");
        }
    }

    /// <summary>How hard to try before telling devices to come back: SDK attempts, then the Retry-After handed out.</summary>
    public static void AddRetryProblems(
        List<string> problems,
        string optionsName,
        int maxAttempts,
        TimeSpan unavailableRetryAfter,
        string maxAttemptsCode,
        string retryAfterCode)
    {
        if (maxAttempts is < 1 or > MaxAttemptsLimit)
        {
            problems.Add($"{maxAttemptsCode}: {optionsName}.MaxAttempts must be between 1 and {MaxAttemptsLimit} but is {maxAttempts}.");
        }

        if (unavailableRetryAfter < TimeSpan.FromSeconds(1) || unavailableRetryAfter > TimeSpan.FromHours(1))
        {
            problems.Add($"{retryAfterCode}: {optionsName}.UnavailableRetryAfter must be between 1 second and 1 hour but is {unavailableRetryAfter}.");
        }
    }

    /// <summary>DynamoDB table names: 3 to 255 characters of letters, digits, '_', '-' and '.'.</summary>
    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
