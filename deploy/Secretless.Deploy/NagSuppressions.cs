using Amazon.CDK;
using Constructs;

namespace Secretless.Deploy;

/// <summary>
/// cdk-nag suppressions written as the resource metadata cdk-nag reads
/// (<c>Metadata.cdk_nag.rules_to_suppress</c>), so they survive into the synthesized template that
/// scripts/cdk-nag.sh checks. Every suppression carries its reason.
/// </summary>
public static class NagSuppressions
{
    public const string MetadataKey = "cdk_nag";

    /// <summary>Adds (rule, reason) suppressions to the CloudFormation resource behind <paramref name="construct"/>.</summary>
    public static void Suppress(IConstruct construct, params (string Rule, string Reason)[] rules)
    {
        ArgumentNullException.ThrowIfNull(construct);
        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"{construct.Node.Path} has no CloudFormation resource to suppress on.", nameof(construct));
        List<object> entries = [];
        if (resource.GetMetadata(MetadataKey) is IDictionary<string, object> existing
            && existing.TryGetValue("rules_to_suppress", out var previous) && previous is IEnumerable<object> previousEntries)
        {
            entries.AddRange(previousEntries);
        }

        foreach (var (rule, reason) in rules)
        {
            entries.Add(new Dictionary<string, object> { ["id"] = rule, ["reason"] = reason });
        }

        resource.AddMetadata(MetadataKey, new Dictionary<string, object> { ["rules_to_suppress"] = entries.ToArray() });
    }
}
