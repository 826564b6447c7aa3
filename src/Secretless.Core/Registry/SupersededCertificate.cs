namespace Secretless.Core.Registry;

/// <summary>
/// A certificate that is not REVOKED although a newer ACTIVE certificate of the same thing was
/// registered at <see cref="SupersededAt"/>.
/// </summary>
public sealed record SupersededCertificate(
    string ThingName,
    string CertificateId,
    string SupersededByCertificateId,
    DateTimeOffset SupersededAt);
