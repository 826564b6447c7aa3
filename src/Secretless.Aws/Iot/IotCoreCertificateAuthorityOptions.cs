namespace Secretless.Aws.Iot;

/// <summary>
/// Settings of the AWS IoT Core certificate authority (CreateCertificateFromCsr). Bound from
/// <c>Secretless:Issuer:*</c> when <c>Secretless:Issuer:Type</c> is <c>IotCore</c>; checked by <see cref="Validate"/>.
/// </summary>
public sealed class IotCoreCertificateAuthorityOptions : AwsBackendOptions
{
    public IotCoreCertificateAuthorityOptions()
        : base(unavailableRetryAfter: TimeSpan.FromSeconds(2))
    {
    }

    /// <summary>
    /// Issue the certificate ACTIVE. Default false: it stays INACTIVE until the thing registry
    /// registers (activates) it, so an issuance whose registration never starts leaves no ACTIVE certificate.
    /// </summary>
    public bool SetAsActive { get; set; }

    /// <summary>PEM of Amazon's issuing chain to hand devices (issuing CA first); null or empty hands none.</summary>
    public string? CaChainPem { get; set; }

    public override IReadOnlyList<string> Validate()
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
}
