using Amazon;
using Amazon.S3;

namespace Secretless.Aws.Delivery;

/// <summary>Builds the <see cref="AmazonS3Client"/> the payload store talks to, from its options alone.</summary>
public static class S3PayloadStoreClientFactory
{
    /// <summary>Region signed for when a <see cref="S3PayloadStoreOptions.ServiceUrl"/> names no region.</summary>
    public const string DefaultEmulatorRegion = "us-east-1";

    /// <summary>
    /// A client for <paramref name="options"/>: explicit credentials when set, otherwise the
    /// standard AWS chain (environment, profile, SSO, container and instance roles).
    /// </summary>
    public static AmazonS3Client Create(S3PayloadStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl.AbsoluteUri;
            config.AuthenticationRegion = options.Region ?? DefaultEmulatorRegion;
        }
        else if (options.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (options.MaxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        return options.Credentials is { } credentials
            ? new AmazonS3Client(credentials, config)
            : new AmazonS3Client(config);
    }
}
