using System.Text.RegularExpressions;

namespace Secretless.Aws.DynamoDb;

/// <summary>The checks both DynamoDB options classes share; each caller adds its own SL41xx number.</summary>
internal static partial class DynamoDbOptionRules
{
    public const int MaxAttemptsLimit = 10;

    /// <summary>DynamoDB table names: 3 to 255 characters of letters, digits, '_', '-' and '.'.</summary>
    public static bool IsValidTableName(string name) => TableNamePattern().IsMatch(name);

    public static bool IsValidRegion(string region) => RegionPattern().IsMatch(region);

    public static bool IsValidServiceUrl(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    public static bool IsValidRetryAfter(TimeSpan retryAfter) =>
        retryAfter >= TimeSpan.FromSeconds(1) && retryAfter <= TimeSpan.FromHours(1);

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
