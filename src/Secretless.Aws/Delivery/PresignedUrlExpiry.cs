using System.Globalization;
using System.Web;

namespace Secretless.Aws.Delivery;

/// <summary>
/// Reads when a pre-signed S3 URL stops working from the URL itself, so the expiry handed to the
/// device is the one S3 will enforce (the SDK signs with its own clock, not our TimeProvider).
/// </summary>
internal static class PresignedUrlExpiry
{
    /// <summary>SigV4: <c>X-Amz-Date</c> + <c>X-Amz-Expires</c> seconds; SigV2: <c>Expires</c> as Unix seconds.</summary>
    public static bool TryRead(Uri url, out DateTimeOffset expiresAt)
    {
        var query = HttpUtility.ParseQueryString(url.Query);
        if (query["X-Amz-Date"] is { } signedAt
            && query["X-Amz-Expires"] is { } lifetime
            && DateTimeOffset.TryParseExact(signedAt, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            && long.TryParse(lifetime, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            expiresAt = start.AddSeconds(seconds);
            return true;
        }

        if (query["Expires"] is { } unixSeconds
            && long.TryParse(unixSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            expiresAt = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }

        expiresAt = default;
        return false;
    }
}
