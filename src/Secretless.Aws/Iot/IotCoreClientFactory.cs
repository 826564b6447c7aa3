using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Secretless.Aws.Http;

namespace Secretless.Aws.Iot;

/// <summary>Builds the signed transport for AWS IoT (<c>https://iot.{region}.amazonaws.com</c>, signing name <c>iot</c>).</summary>
internal static class IotCoreClientFactory
{
    public const string SigningName = "iot";

    public static AwsServiceClient Create(
        string? region, Uri? serviceUrl, AWSCredentials? credentials, int maxAttempts, TimeProvider timeProvider, ILogger? logger)
    {
        var endpoint = AwsServiceEndpoint.For(SigningName, "iot", AwsRegionResolver.Resolve(region, serviceUrl), serviceUrl);
        return new AwsServiceClient(endpoint, credentials, new AwsRetryOptions { MaxAttempts = maxAttempts }, timeProvider, logger: logger);
    }
}
