using System.Globalization;
using Constructs;

namespace Secretless.Deploy;

/// <summary>
/// Every parameter of the deployment, read from CDK context (<c>cdk.json</c>, <c>-c key=value</c>,
/// <c>dotnet run -- key=value</c>, or <c>AppProps.Context</c> in tests), each with a default so a clean
/// clone synthesizes offline. Maps (one value per region) are written <c>region=value,region=value</c>.
/// </summary>
public sealed record DeploymentSettings
{
    /// <summary>Placeholder CA ARN used when no CA is configured for a region; deploying it fails on purpose.</summary>
    public const string PlaceholderAccount = "111111111111";

    /// <summary>Product / SKU name: prefixes stacks, tables and the IoT policy (lower case, digits, dashes).</summary>
    public string Product { get; init; } = "secretless";

    /// <summary>Regions with a regional stack; the first is the primary (global table, global stack).</summary>
    public IReadOnlyList<string> Regions { get; init; } = ["eu-west-1", "us-east-1"];

    /// <summary><c>AcmPca</c> (default) or <c>IotCore</c>: who signs device certificates.</summary>
    public string IssuerKind { get; init; } = "AcmPca";

    /// <summary>ACM PCA certificate authority per region (AcmPca only).</summary>
    public IReadOnlyDictionary<string, string> CertificateAuthorityArns { get; init; } = new Dictionary<string, string>();

    /// <summary>PEM files of the issuing CA per region, registered in AWS IoT (RegistrationMode WithCa); none: WithoutCa.</summary>
    public IReadOnlyDictionary<string, string> CaCertificateFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>Device certificate lifetime.</summary>
    public int ValidityDays { get; init; } = 365;

    /// <summary>ACM PCA signing algorithm (e.g. <c>SHA256WITHECDSA</c>); empty: read from the CA (DescribeCertificateAuthority).</summary>
    public string SigningAlgorithm { get; init; } = "";

    /// <summary>The one name devices use; empty: no custom domain and no global stack.</summary>
    public string DomainName { get; init; } = "provision.example.com";

    /// <summary>Route 53 public hosted zone holding <see cref="DomainName"/>.</summary>
    public string HostedZoneId { get; init; } = "Z00000000EXAMPLE";

    /// <summary>Name of the hosted zone (e.g. <c>example.com</c>).</summary>
    public string HostedZoneName { get; init; } = "example.com";

    /// <summary>Directory of the published Lambda (<c>bootstrap</c>); empty: <c>artifacts/lambda</c> of the repository.</summary>
    public string LambdaAsset { get; init; } = "";

    /// <summary>Steady requests per second per region; below ACM PCA's 25 TPS IssueCertificate quota.</summary>
    public double ThrottleRate { get; init; } = 10;

    /// <summary>Burst per region.</summary>
    public int ThrottleBurst { get; init; } = 20;

    public string DeviceTableName => $"{Product}-devices";

    public string LedgerTableName => $"{Product}-issuance-ledger";

    public string PolicyName => $"{Product}-device";

    public string PrimaryRegion => Regions[0];

    public bool HasDomain => DomainName.Length > 0;

    public bool IssuesWithAcmPca => IssuerKind == "AcmPca";

    public string CertificateAuthorityArn(string region) =>
        CertificateAuthorityArns.TryGetValue(region, out var arn)
            ? arn
            : $"arn:aws:acm-pca:{region}:{PlaceholderAccount}:certificate-authority/11111111-1111-1111-1111-111111111111";

    public bool HasConfiguredCertificateAuthority(string region) => CertificateAuthorityArns.ContainsKey(region);

    /// <summary>Reads every parameter from <paramref name="scope"/>'s context and checks it.</summary>
    public static DeploymentSettings FromContext(Construct scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var defaults = new DeploymentSettings();
        string Text(string key, string fallback) => ContextValues.Text(scope, key) ?? fallback;

        var settings = new DeploymentSettings
        {
            Product = Text("product", defaults.Product),
            Regions = ContextValues.List(scope, "regions") ?? defaults.Regions,
            IssuerKind = Text("issuer", defaults.IssuerKind),
            CertificateAuthorityArns = ContextValues.Map(scope, "certificateAuthorityArns") ?? defaults.CertificateAuthorityArns,
            CaCertificateFiles = ContextValues.Map(scope, "caCertificateFiles") ?? defaults.CaCertificateFiles,
            ValidityDays = int.Parse(Text("validityDays", defaults.ValidityDays.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            SigningAlgorithm = Text("signingAlgorithm", defaults.SigningAlgorithm),
            DomainName = Text("domainName", defaults.DomainName),
            HostedZoneId = Text("hostedZoneId", defaults.HostedZoneId),
            HostedZoneName = Text("hostedZoneName", defaults.HostedZoneName),
            LambdaAsset = Text("lambdaAsset", defaults.LambdaAsset),
            ThrottleRate = double.Parse(Text("throttleRate", defaults.ThrottleRate.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            ThrottleBurst = int.Parse(Text("throttleBurst", defaults.ThrottleBurst.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        };
        settings.ThrowIfInvalid();
        return settings;
    }

    /// <summary>Stops synthesis with every problem at once, before any resource exists.</summary>
    public void ThrowIfInvalid()
    {
        List<string> problems = [];
        if (!System.Text.RegularExpressions.Regex.IsMatch(Product, "^[a-z][a-z0-9-]{1,30}$"))
        {
            problems.Add($"product '{Product}' must be 2-31 lower-case letters, digits or dashes, starting with a letter.");
        }

        if (Regions.Count == 0 || Regions.Distinct(StringComparer.Ordinal).Count() != Regions.Count)
        {
            problems.Add("regions must list at least one region, each once.");
        }

        if (IssuerKind is not ("AcmPca" or "IotCore"))
        {
            problems.Add($"issuer '{IssuerKind}' must be AcmPca or IotCore.");
        }

        if (ValidityDays is < 1 or > 3650)
        {
            problems.Add($"validityDays {ValidityDays} must be 1 to 3650.");
        }

        if (ThrottleRate <= 0 || ThrottleBurst < 1)
        {
            problems.Add("throttleRate must be positive and throttleBurst at least 1.");
        }

        if (HasDomain && (HostedZoneId.Length == 0 || !DomainName.EndsWith(HostedZoneName, StringComparison.Ordinal)))
        {
            problems.Add($"domainName '{DomainName}' needs hostedZoneId and must lie in hostedZoneName '{HostedZoneName}'.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid deployment parameters:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }
}
