using System.Net;
using Amazon.Runtime;

namespace Secretless.Aws.Delivery;

/// <summary>Tells "S3 is throttled or down, retry later" apart from errors that retrying will not fix.</summary>
internal static class S3Failures
{
    // Error codes S3 and the SDK use for throttling; S3 sends SlowDown with 503, others come from proxies and emulators.
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "SlowDown",
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottled",
        "RequestThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "ServiceUnavailable",
    };

    public static bool IsUnavailable(AmazonServiceException exception) =>
        (int)exception.StatusCode >= 500
        || exception.StatusCode == HttpStatusCode.TooManyRequests
        || (exception.ErrorCode is { } code && ThrottlingCodes.Contains(code));
}
