using System.Net;
using System.Security.Authentication;

namespace Secretless.Device;

/// <summary>
/// When a device tries again: exponential backoff with full jitter (a random wait between zero
/// and the growing cap, so a fleet that lost the network together does not come back in
/// lock-step), never sooner than the server's <c>Retry-After</c>, and never past the overall
/// <see cref="Deadline"/>.
/// </summary>
public sealed record ProvisioningRetryPolicy
{
    /// <summary>The problem code of a 404 on the certificate URL before the certificate is there.</summary>
    public const string PayloadNotReadyCode = "payload-not-ready";

    /// <summary>The problem code of a 403 on a certificate URL whose validity ended.</summary>
    public const string PayloadUrlExpiredCode = "payload-url-expired";

    /// <summary>The cap of the first backoff.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The largest cap the backoff grows to (a Retry-After may still ask for more).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Growth of the cap per retry.</summary>
    public double Multiplier { get; init; } = 2.0;

    /// <summary>No attempt starts later than this after provisioning began.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>One HTTP exchange that takes longer than this counts as lost and is retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public static ProvisioningRetryPolicy Default { get; } = new();

    /// <summary>The backoff cap before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan BackoffCap(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        // Computed in doubles so a long outage cannot overflow before the cap applies.
        var ticks = InitialDelay.Ticks * Math.Pow(Multiplier, retry - 1);
        return ticks >= MaxDelay.Ticks || double.IsNaN(ticks) ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The wait before retry number <paramref name="retry"/>: uniform in [0, cap] (full jitter),
    /// raised to <paramref name="retryAfter"/> when the server asked for a longer pause.
    /// </summary>
    public TimeSpan NextDelay(int retry, TimeSpan? retryAfter, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var jittered = TimeSpan.FromTicks((long)(BackoffCap(retry).Ticks * random.NextDouble()));
        return retryAfter is { } floor && floor > jittered ? floor : jittered;
    }

    /// <summary>Whether a retry after waiting <paramref name="delay"/> still starts before the deadline.</summary>
    public bool AllowsRetry(TimeSpan elapsed, TimeSpan delay) => elapsed + delay < Deadline;

    /// <summary>
    /// Whether the failure may go away by trying again: lost connections, timeouts, 408, 429,
    /// 5xx (also the empty 500), and a 404 "not ready yet" on the certificate URL. Refusals
    /// (400, 403, 404 device-not-registered) and bad certificates are final.
    /// </summary>
    public static bool IsTransient(Exception exception, ProvisioningStep step)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ProvisioningFailedException failed => IsTransientStatus(failed, step),
            CertificateVerificationException => false,
            HttpRequestException request => !IsTlsTrustFailure(request),
            IOException or TimeoutException or System.Net.Sockets.SocketException => true,
            _ => false,
        };
    }

    private static bool IsTransientStatus(ProvisioningFailedException failed, ProvisioningStep step) =>
        failed.StatusCode switch
        {
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
            >= HttpStatusCode.InternalServerError => true,
            HttpStatusCode.NotFound when step == ProvisioningStep.PollCertificateUrl =>
                failed.ProblemCode == PayloadNotReadyCode || (failed.ProblemCode is null && failed.RetryAfter is not null),
            _ => false,
        };

    // A server certificate the device does not trust will not become trustworthy by asking
    // again; a handshake cut by the network (an I/O error underneath) will work next time.
    private static bool IsTlsTrustFailure(HttpRequestException exception) =>
        exception.InnerException is AuthenticationException authentication
        && authentication.InnerException is not (IOException or System.Net.Sockets.SocketException);
}
