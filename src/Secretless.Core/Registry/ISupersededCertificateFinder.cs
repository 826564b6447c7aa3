namespace Secretless.Core.Registry;

/// <summary>
/// Optional registry ability: find superseded certificates in one query, so a background sweep can
/// retire them once the rotation grace period is over. A registry without it (AWS IoT Core has no
/// such query) retires superseded certificates only at the thing's next provisioning.
/// </summary>
public interface ISupersededCertificateFinder
{
    /// <summary>
    /// Certificates that are not REVOKED while a newer ACTIVE certificate of the same thing was
    /// registered at or before <paramref name="supersededBefore"/>; oldest supersession first, at
    /// most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<SupersededCertificate>> FindSupersededAsync(DateTimeOffset supersededBefore, int limit, CancellationToken cancellationToken);
}
