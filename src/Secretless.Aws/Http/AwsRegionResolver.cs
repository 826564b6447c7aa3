using Amazon.Runtime;

namespace Secretless.Aws.Http;

/// <summary>Which region an AWS backend signs for when its options leave <c>Region</c> empty.</summary>
public static class AwsRegionResolver
{
    /// <summary>Region signed for against an emulator (<c>ServiceUrl</c>) when none is configured.</summary>
    public const string DefaultEmulatorRegion = "us-east-1";

    /// <summary>
    /// <paramref name="region"/> when set; else the standard AWS chain (<c>AWS_REGION</c>, the
    /// profile, instance metadata); else, for an emulator, <see cref="DefaultEmulatorRegion"/>.
    /// </summary>
    public static string Resolve(string? region, Uri? serviceUrl)
    {
        if (!string.IsNullOrWhiteSpace(region))
        {
            return region;
        }

        if (serviceUrl is not null)
        {
            return DefaultEmulatorRegion;
        }

        var fromChain = FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        return fromChain ?? throw new InvalidOperationException(
            "No AWS region is configured: set the backend's Region option or the AWS_REGION environment variable.");
    }
}
