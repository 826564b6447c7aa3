using System.Text.RegularExpressions;

namespace Secretless.Aws.AcmPca;

/// <summary>
/// Settings of the ACM PCA certificate authority. Bound from <c>Secretless:Issuer:*</c> when
/// <c>Secretless:Issuer:Type</c> is <c>AcmPca</c>; checked by <see cref="Validate"/> at start-up.
/// </summary>
public sealed partial class AcmPcaCertificateAuthorityOptions : AwsBackendOptions
{
    /// <summary>The AWS-managed end-entity template for TLS client certificates.</summary>
    public const string DefaultTemplateArn = "arn:aws:acm-pca:::template/EndEntityClientAuthCertificate/V1";

    public AcmPcaCertificateAuthorityOptions()
        : base(unavailableRetryAfter: TimeSpan.FromSeconds(5))
    {
    }

    /// <summary>Signing algorithms ACM PCA accepts in IssueCertificate.</summary>
    public static readonly IReadOnlySet<string> SigningAlgorithms = new HashSet<string>(StringComparer.Ordinal)
    {
        "SHA256WITHECDSA", "SHA384WITHECDSA", "SHA512WITHECDSA",
        "SHA256WITHRSA", "SHA384WITHRSA", "SHA512WITHRSA",
        "SM3WITHSM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87",
    };

    /// <summary>ARN of the issuing CA (<c>arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/ID</c>). Required.</summary>
    public string CertificateAuthorityArn { get; set; } = "";

    /// <summary>Certificate template ARN; the default issues end-entity client-auth certificates.</summary>
    public string TemplateArn { get; set; } = DefaultTemplateArn;

    /// <summary>
    /// IssueCertificate's SigningAlgorithm (<c>SHA256WITHECDSA</c>, …). Null derives it from the CA's
    /// key algorithm (DescribeCertificateAuthority, once).
    /// </summary>
    public string? SigningAlgorithm { get; set; }

    /// <summary>How long issuance may stay "in progress" before the device is told to retry (503).</summary>
    public TimeSpan IssueDeadline { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>First wait before polling GetCertificate again; doubles up to <see cref="PollMaxDelay"/>.</summary>
    public TimeSpan PollInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan PollMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    public override IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(CertificateAuthorityArn))
        {
            problems.Add("SL4201: AcmPcaCertificateAuthorityOptions.CertificateAuthorityArn is required.");
        }
        else if (!CaArnPattern().IsMatch(CertificateAuthorityArn))
        {
            problems.Add($"SL4202: AcmPcaCertificateAuthorityOptions.CertificateAuthorityArn '{CertificateAuthorityArn}' is not an ACM PCA CA ARN such as 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0f3e4b2c-7a51-4d3e-9c2b-6e8d1a4f5b70'.");
        }

        if (string.IsNullOrWhiteSpace(TemplateArn) || !TemplateArnPattern().IsMatch(TemplateArn))
        {
            problems.Add($"SL4203: AcmPcaCertificateAuthorityOptions.TemplateArn '{TemplateArn}' is not an ACM PCA template ARN such as '{DefaultTemplateArn}'.");
        }

        if (SigningAlgorithm is not null && !SigningAlgorithms.Contains(SigningAlgorithm))
        {
            problems.Add($"SL4204: AcmPcaCertificateAuthorityOptions.SigningAlgorithm '{SigningAlgorithm}' is not one of {string.Join(", ", SigningAlgorithms.Order(StringComparer.Ordinal))}; leave it empty to follow the CA's key.");
        }

        if (IssueDeadline < TimeSpan.FromSeconds(1) || IssueDeadline > TimeSpan.FromMinutes(5))
        {
            problems.Add($"SL4205: AcmPcaCertificateAuthorityOptions.IssueDeadline must be between 1 second and 5 minutes but is {IssueDeadline}.");
        }

        if (PollInitialDelay < TimeSpan.Zero || PollInitialDelay > TimeSpan.FromSeconds(30))
        {
            problems.Add($"SL4206: AcmPcaCertificateAuthorityOptions.PollInitialDelay must be between 0 and 30 seconds but is {PollInitialDelay}.");
        }

        if (PollMaxDelay < PollInitialDelay || PollMaxDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"SL4207: AcmPcaCertificateAuthorityOptions.PollMaxDelay must be at least PollInitialDelay ({PollInitialDelay}) and at most 1 minute but is {PollMaxDelay}.");
        }

        if (UnavailableRetryAfter < TimeSpan.FromSeconds(1) || UnavailableRetryAfter > TimeSpan.FromHours(1))
        {
            problems.Add($"SL4208: AcmPcaCertificateAuthorityOptions.UnavailableRetryAfter must be between 1 second and 1 hour but is {UnavailableRetryAfter}.");
        }

        if (Region is not null && !RegionPattern().IsMatch(Region))
        {
            problems.Add($"SL4209: AcmPcaCertificateAuthorityOptions.Region '{Region}' is not an AWS region name such as 'eu-west-1'.");
        }

        if (ServiceUrl is not null && (!ServiceUrl.IsAbsoluteUri || (ServiceUrl.Scheme != Uri.UriSchemeHttp && ServiceUrl.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"SL4210: AcmPcaCertificateAuthorityOptions.ServiceUrl '{ServiceUrl}' must be an absolute http or https URL.");
        }

        if (MaxAttempts is < 1 or > 10)
        {
            problems.Add($"SL4211: AcmPcaCertificateAuthorityOptions.MaxAttempts must be between 1 and 10 but is {MaxAttempts}.");
        }

        return problems;
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:acm-pca:[a-z]{2}(-[a-z0-9]+)+-[0-9]+:[0-9]{12}:certificate-authority/[0-9a-fA-F-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CaArnPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:acm-pca:::template/[A-Za-z0-9_]+(/V[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateArnPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
