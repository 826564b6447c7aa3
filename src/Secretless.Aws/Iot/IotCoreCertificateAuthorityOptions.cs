using Amazon.Runtime;

namespace Secretless.Aws.Iot;

/// <summary>
/// Settings of the AWS IoT Core certificate authority (CreateCertificateFromCsr). Bound from
/// <c>Secretless:Issuer:*</c> when <c>Secretless:Issuer:Type</c> is <c>IotCore</c>; checked by <see cref="Validate"/>.
/// </summary>
public sealed class IotCoreCertificateAuthorityOptions
{
    /// <summary>
    /// Issue the certificate ACTIVE. Default false: it stays INACTIVE until the thing registry
    /// registers (activates) it, so an issuance whose registration never starts leaves no ACTIVE certificate.
    /// </summary>
    public bool SetAsActive { get; set; }

    /// <summary>PEM of Amazon's issuing chain to hand devices (issuing CA first); null or empty hands none.</summary>
    public string? CaChainPem { get; set; }

    /// <summary>AWS region such as <c>eu-west-1</c>; null takes it from the standard AWS chain (<c>AWS_REGION</c>, profile).</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint of an emulator or VPC endpoint; null means <c>https://iot.{region}.amazonaws.com</c>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Explicit credentials (tests, emulators); null uses the standard AWS credential chain.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>Calls per operation on throttling and 5xx, including the first (1 to 10).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The <c>Retry-After</c> handed to devices when AWS IoT is still throttled or down after the retries.</summary>
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Every problem with these settings, one numbered message each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(CaChainPem) && IotOptionRules.ReadCertificates(CaChainPem).Count == 0)
        {
            problems.Add("SL4301: IotCoreCertificateAuthorityOptions.CaChainPem must hold one or more PEM CERTIFICATE blocks.");
        }

        IotOptionRules.AddEndpointAndRetryProblems(
            problems,
            nameof(IotCoreCertificateAuthorityOptions),
            Region,
            ServiceUrl,
            MaxAttempts,
            UnavailableRetryAfter,
            regionCode: "SL4302",
            serviceUrlCode: "SL4303",
            maxAttemptsCode: "SL4304",
            retryAfterCode: "SL4305");

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
