namespace Secretless.Aws.Iot;

/// <summary>
/// Settings of the AWS IoT Core thing registry. Bound from <c>Secretless:Registry:*</c> when
/// <c>Secretless:Registry:Type</c> is <c>IotCore</c>; checked by <see cref="Validate"/> at start-up.
/// </summary>
public sealed class IotCoreThingRegistryOptions : AwsBackendOptions
{
    public IotCoreThingRegistryOptions()
        : base(unavailableRetryAfter: TimeSpan.FromSeconds(2))
    {
    }

    /// <summary><see cref="IotCertificateRegistrationMode.WithCa"/> (default) or <see cref="IotCertificateRegistrationMode.WithoutCa"/>.</summary>
    public IotCertificateRegistrationMode RegistrationMode { get; set; } = IotCertificateRegistrationMode.WithCa;

    /// <summary>PEM of the CA that issues device certificates (registered in AWS IoT); mode WithCa needs it or <see cref="CaCertificatePath"/>.</summary>
    public string? CaCertificatePem { get; set; }

    /// <summary>File holding the PEM of the issuing CA, instead of <see cref="CaCertificatePem"/>.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>The MQTT port devices are told with the data endpoint (<c>host:port</c>).</summary>
    public int EndpointPort { get; set; } = 8883;

    public override IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(RegistrationMode))
        {
            problems.Add($"SL4321: IotCoreThingRegistryOptions.RegistrationMode must be WithCa or WithoutCa but is {(int)RegistrationMode}.");
        }

        var hasPem = !string.IsNullOrWhiteSpace(CaCertificatePem);
        var hasPath = !string.IsNullOrWhiteSpace(CaCertificatePath);
        if (RegistrationMode == IotCertificateRegistrationMode.WithCa && !hasPem && !hasPath)
        {
            problems.Add("SL4322: IotCoreThingRegistryOptions.RegistrationMode WithCa needs the issuing CA: set CaCertificatePem or CaCertificatePath (or use RegistrationMode WithoutCa).");
        }

        if (hasPem && hasPath)
        {
            problems.Add("SL4323: IotCoreThingRegistryOptions.CaCertificatePem and CaCertificatePath are both set; set only one.");
        }
        else if (hasPath && !File.Exists(CaCertificatePath))
        {
            problems.Add($"SL4324: IotCoreThingRegistryOptions.CaCertificatePath '{CaCertificatePath}' does not exist.");
        }
        else if ((hasPem || hasPath) && IotOptionRules.ReadCertificates(ReadCaPem()!).Count != 1)
        {
            problems.Add("SL4325: IotCoreThingRegistryOptions CA certificate must be exactly one PEM CERTIFICATE block.");
        }

        if (EndpointPort is < 1 or > 65535)
        {
            problems.Add($"SL4326: IotCoreThingRegistryOptions.EndpointPort must be between 1 and 65535 but is {EndpointPort}.");
        }

        IotOptionRules.AddEndpointAndRetryProblems(
            problems,
            nameof(IotCoreThingRegistryOptions),
            Region,
            ServiceUrl,
            MaxAttempts,
            UnavailableRetryAfter,
            regionCode: "SL4327",
            serviceUrlCode: "SL4328",
            maxAttemptsCode: "SL4329",
            retryAfterCode: "SL4330");

        return problems;
    }

    /// <summary>The CA PEM from <see cref="CaCertificatePem"/> or the file at <see cref="CaCertificatePath"/>; null when neither is set.</summary>
    public string? ReadCaPem() =>
        !string.IsNullOrWhiteSpace(CaCertificatePem) ? CaCertificatePem
        : !string.IsNullOrWhiteSpace(CaCertificatePath) ? File.ReadAllText(CaCertificatePath)
        : null;
}
