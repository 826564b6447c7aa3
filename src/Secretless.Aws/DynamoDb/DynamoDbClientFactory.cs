using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Secretless.Aws.DynamoDb;

/// <summary>Builds the <see cref="AmazonDynamoDBClient"/> a DynamoDB backend talks to, from its options alone.</summary>
public static class DynamoDbClientFactory
{
    /// <summary>Region signed for when a ServiceUrl is set and no region is (emulators ignore it).</summary>
    public const string DefaultEmulatorRegion = "us-east-1";

    /// <summary>A client for the device directory's options.</summary>
    public static AmazonDynamoDBClient Create(DynamoDbDeviceDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        return Create(options.Region, options.ServiceUrl, options.Credentials, options.MaxAttempts);
    }

    /// <summary>A client for the issuance ledger's options.</summary>
    public static AmazonDynamoDBClient Create(DynamoDbIssuanceLedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        return Create(options.Region, options.ServiceUrl, options.Credentials, options.MaxAttempts);
    }

    /// <summary>
    /// Explicit credentials when set, otherwise the standard AWS chain (environment, profile, SSO,
    /// container and instance roles). <paramref name="maxAttempts"/> counts the first call.
    /// </summary>
    private static AmazonDynamoDBClient Create(string? region, Uri? serviceUrl, AWSCredentials? credentials, int maxAttempts)
    {
        var config = new AmazonDynamoDBConfig { MaxErrorRetry = maxAttempts - 1 };
        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl.AbsoluteUri;
            config.AuthenticationRegion = region ?? DefaultEmulatorRegion;
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return credentials is not null
            ? new AmazonDynamoDBClient(credentials, config)
            : new AmazonDynamoDBClient(config);
    }
}
