using Amazon.Runtime;

namespace Secretless.Aws;

/// <summary>
/// What every AWS backend's options share: where the service is, who calls it, how hard to retry,
/// and the <c>Retry-After</c> devices get when it stays throttled or down. Each backend adds its own
/// settings and its numbered rules (<see cref="Validate"/>).
/// </summary>
public abstract class AwsBackendOptions
{
    protected AwsBackendOptions(TimeSpan unavailableRetryAfter)
    {
        UnavailableRetryAfter = unavailableRetryAfter;
    }

    /// <summary>AWS region such as <c>eu-west-1</c>; null takes it from the standard AWS chain (<c>AWS_REGION</c>, profile).</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint of an emulator or a VPC endpoint; null means the service's public endpoint in <see cref="Region"/>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Explicit credentials (tests, emulators); null uses the standard AWS credential chain.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>Calls per request on throttling, 5xx and network errors, including the first (1 to 10).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The <c>Retry-After</c> handed to devices when the service is still throttled or down after the retries.</summary>
    public TimeSpan UnavailableRetryAfter { get; set; }

    /// <summary>Every problem with these settings, one numbered message each; empty when valid.</summary>
    public abstract IReadOnlyList<string> Validate();

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
