namespace Secretless.Aws.Http;

/// <summary>
/// How <see cref="AwsServiceClient"/> retries throttling and 5xx answers: full-jitter exponential
/// backoff from <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>, at most <see cref="MaxAttempts"/> calls.
/// </summary>
public sealed record AwsRetryOptions
{
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}
