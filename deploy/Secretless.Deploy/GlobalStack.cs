using Amazon.CDK;
using Amazon.CDK.AWS.Route53;
using Constructs;

namespace Secretless.Deploy;

/// <summary>
/// The one name devices use. Route 53 answers it with the region of lowest latency: one latency
/// record per region, each an alias of that region's <c>&lt;region&gt;.&lt;domain&gt;</c> record, which the
/// regional stack points at its API's custom domain. Aliasing a record in the same zone keeps this
/// stack free of cross-region references (no custom resources); it only has to deploy after the
/// regional stacks.
/// </summary>
public sealed class GlobalStack : Stack
{
    public GlobalStack(Construct scope, string id, DeploymentSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var region in settings.Regions)
        {
            _ = new CfnRecordSet(this, "Latency-" + region, new CfnRecordSetProps
            {
                HostedZoneId = settings.HostedZoneId,
                Name = settings.DomainName + ".",
                Type = "A",
                SetIdentifier = region,
                Region = region,
                AliasTarget = new CfnRecordSet.AliasTargetProperty
                {
                    DnsName = RegionalStack.RegionalRecordName(settings, region) + ".",
                    HostedZoneId = settings.HostedZoneId,
                    // A region whose API stops answering drops out of the answers.
                    EvaluateTargetHealth = true,
                },
            });
        }
    }
}
