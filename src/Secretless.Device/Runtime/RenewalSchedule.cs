namespace Secretless.Device.Runtime;

/// <summary>
/// When a device renews: at the fraction <c>f</c> of its certificate's lifetime, counted from when
/// the device obtained it (the service back-dates <c>notBefore</c> by minutes for clock skew, which
/// would make a tiny fraction due at once and renew in a loop).
/// </summary>
public static class RenewalSchedule
{
    /// <param name="notBefore">The certificate's notBefore.</param>
    /// <param name="notAfter">The certificate's notAfter.</param>
    /// <param name="obtainedAt">When the device received (or stored) the certificate.</param>
    /// <param name="fraction">Share of the lifetime after which to renew, in (0, 1].</param>
    /// <returns>The renewal instant, never after <paramref name="notAfter"/>.</returns>
    public static DateTimeOffset DueAt(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset obtainedAt, double fraction)
    {
        if (double.IsNaN(fraction) || fraction is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The renewal fraction must be above 0 and at most 1.");
        }

        var start = obtainedAt < notBefore ? notBefore : obtainedAt > notAfter ? notAfter : obtainedAt;
        var lifetime = notAfter - notBefore;
        if (lifetime <= TimeSpan.Zero)
        {
            return notAfter;
        }

        var due = start + TimeSpan.FromTicks((long)(lifetime.Ticks * fraction));
        return due > notAfter ? notAfter : due;
    }
}
