using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.Route53.Targets;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace Secretless.Deploy;

/// <summary>
/// Everything one region serves: the payload bucket, the two functions, the REST API and, with a
/// domain, the API's regional custom domain plus a per-region alias record
/// (<c>&lt;region&gt;.&lt;domain&gt;</c>) that the global stack's latency records point at.
/// </summary>
public sealed class RegionalStack : Stack
{
    /// <summary>Payload URLs live at most 7 days (serve's limit); objects go a day later.</summary>
    public static readonly Duration PayloadExpiry = Duration.Days(8);

    public RegionalStack(Construct scope, string id, DeploymentSettings settings, LambdaAsset asset, IStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(asset);
        asset.WarnIfPlaceholder(this);
        if (settings.IssuesWithAcmPca && !settings.HasConfiguredCertificateAuthority(Region))
        {
            Annotations.Of(this).AddWarning($"No CA ARN for {Region} in context certificateAuthorityArns: synthesized with a placeholder ARN.");
        }

        Payloads = new Bucket(this, "Payloads", new BucketProps
        {
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            LifecycleRules =
            [
                new LifecycleRule
                {
                    Prefix = ProvisioningEnvironment.PayloadPrefix,
                    Expiration = PayloadExpiry,
                    AbortIncompleteMultipartUploadAfter = Duration.Days(1),
                },
            ],
            RemovalPolicy = RemovalPolicy.DESTROY,
            AutoDeleteObjects = false,
        });
        NagSuppressions.Suppress(Payloads, ("AwsSolutions-S1",
            "Objects are short-lived certificate payloads written only by the issuer role and read through pre-signed URLs; use CloudTrail S3 data events when an audit trail of reads is needed."));

        var caPem = settings.CaCertificateFiles.TryGetValue(Region, out var caFile) ? File.ReadAllText(caFile) : null;
        Functions = new ProvisioningFunctions(this, "Functions", settings, asset, Payloads, caPem);
        Api = new ProvisioningApi(this, "Provisioning", settings, Functions);

        if (settings.HasDomain)
        {
            var zone = HostedZone.FromHostedZoneAttributes(this, "Zone", new HostedZoneAttributes
            {
                HostedZoneId = settings.HostedZoneId,
                ZoneName = settings.HostedZoneName,
            });
            var certificate = new Certificate(this, "Certificate", new CertificateProps
            {
                DomainName = settings.DomainName,
                Validation = CertificateValidation.FromDns(zone),
            });
            var domain = new DomainName_(this, "Domain", new DomainNameProps
            {
                DomainName = settings.DomainName,
                Certificate = certificate,
                EndpointType = EndpointType.REGIONAL,
                SecurityPolicy = SecurityPolicy.TLS_1_2,
                Mapping = Api.Api,
            });
            _ = new ARecord(this, "RegionalAlias", new ARecordProps
            {
                Zone = zone,
                RecordName = RegionalRecordName(settings, Region),
                Target = RecordTarget.FromAlias(new ApiGatewayDomain(domain)),
            });
        }
    }

    public Bucket Payloads { get; }

    public ProvisioningFunctions Functions { get; }

    public ProvisioningApi Api { get; }

    /// <summary>The per-region name the latency record of <paramref name="region"/> aliases.</summary>
    public static string RegionalRecordName(DeploymentSettings settings, string region)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"{region}.{settings.DomainName}";
    }
}
