using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace Secretless.Aws.Delivery;

/// <summary>
/// Settings of the S3 payload store (latent delivery). Bound from <c>Secretless:PayloadStore:*</c>
/// when <c>Secretless:PayloadStore:Type</c> is <c>S3</c>; checked by <see cref="Validate"/> at start-up.
/// </summary>
public sealed partial class S3PayloadStoreOptions
{
    /// <summary>The most keys one ListObjectsV2 page and one DeleteObjects call may carry (an S3 limit).</summary>
    public const int MaxKeysPerRequest = 1000;

    /// <summary>Bucket holding the payloads. Required.</summary>
    public string BucketName { get; set; } = "";

    /// <summary>
    /// Prepended to every payload key; also the listing prefix of <c>DeleteExpiredAsync</c> and the
    /// natural filter of a bucket lifecycle rule. Empty is allowed (the whole bucket).
    /// </summary>
    public string KeyPrefix { get; set; } = "payloads/";

    /// <summary>Endpoint of an S3-compatible service (s3rver, MinIO, a VPC endpoint). Null means AWS S3 for <see cref="Region"/>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Use <c>https://host/bucket/key</c> instead of <c>https://bucket.host/key</c>; emulators need it.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>AWS region such as <c>eu-west-1</c>; null takes it from the standard AWS chain (<c>AWS_REGION</c>, profile).</summary>
    public string? Region { get; set; }

    /// <summary>
    /// Stream PutObject bodies with <c>aws-chunked</c> encoding (the SDK default). s3rver does not
    /// understand it, so set false there.
    /// </summary>
    public bool UseChunkEncoding { get; set; } = true;

    /// <summary>Server-side encryption of stored payloads; <see cref="S3ServerSideEncryption.None"/> for s3rver.</summary>
    public S3ServerSideEncryption ServerSideEncryption { get; set; } = S3ServerSideEncryption.Aes256;

    /// <summary>Keys per ListObjectsV2 page when cleaning up (1 to 1000).</summary>
    public int ListPageSize { get; set; } = MaxKeysPerRequest;

    /// <summary>Retries the SDK itself makes on throttling and 5xx before the store gives up; null keeps the SDK default.</summary>
    public int? MaxErrorRetry { get; set; }

    /// <summary>The <c>Retry-After</c> handed to devices when S3 is throttled or down (S3 sends none itself).</summary>
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Explicit credentials (tests, emulators); null uses the standard AWS credential chain.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>Every problem with these settings, one numbered message each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(BucketName))
        {
            problems.Add("SL4001: S3PayloadStoreOptions.BucketName is required.");
        }
        else if (!IsValidBucketName(BucketName))
        {
            problems.Add($"SL4002: S3PayloadStoreOptions.BucketName '{BucketName}' is not a valid S3 bucket name: use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, not shaped like an IP address.");
        }

        if (KeyPrefix is null || !IsValidKeyPrefix(KeyPrefix))
        {
            problems.Add($"SL4003: S3PayloadStoreOptions.KeyPrefix '{KeyPrefix}' is invalid: it must be at most 256 characters without control characters, must not start with '/' and must not contain '..'.");
        }

        if (ServiceUrl is not null && (!ServiceUrl.IsAbsoluteUri || (ServiceUrl.Scheme != Uri.UriSchemeHttp && ServiceUrl.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"SL4004: S3PayloadStoreOptions.ServiceUrl '{ServiceUrl}' must be an absolute http or https URL.");
        }

        if (Region is not null && !RegionPattern().IsMatch(Region))
        {
            problems.Add($"SL4005: S3PayloadStoreOptions.Region '{Region}' is not an AWS region name such as 'eu-west-1'.");
        }

        if (!Enum.IsDefined(ServerSideEncryption))
        {
            problems.Add($"SL4006: S3PayloadStoreOptions.ServerSideEncryption must be None, Aes256 or AwsKms but is {(int)ServerSideEncryption}.");
        }

        if (ListPageSize is < 1 or > MaxKeysPerRequest)
        {
            problems.Add($"SL4007: S3PayloadStoreOptions.ListPageSize must be between 1 and {MaxKeysPerRequest} but is {ListPageSize}.");
        }

        if (MaxErrorRetry is < 0 or > 10)
        {
            problems.Add($"SL4008: S3PayloadStoreOptions.MaxErrorRetry must be between 0 and 10 but is {MaxErrorRetry}.");
        }

        if (UnavailableRetryAfter < TimeSpan.FromSeconds(1) || UnavailableRetryAfter > TimeSpan.FromHours(1))
        {
            problems.Add($"SL4009: S3PayloadStoreOptions.UnavailableRetryAfter must be between 1 second and 1 hour but is {UnavailableRetryAfter}.");
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

    private static bool IsValidBucketName(string name) =>
        BucketNamePattern().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal) && !IpAddressPattern().IsMatch(name);

    private static bool IsValidKeyPrefix(string prefix) =>
        prefix.Length <= 256
        && !prefix.StartsWith('/')
        && !prefix.Contains("..", StringComparison.Ordinal)
        && !prefix.Any(char.IsControl);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketNamePattern();

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex IpAddressPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
