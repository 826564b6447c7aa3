namespace Secretless.Local.Registry;

/// <summary>A REVOKED certificate as a CRL entry needs it: serial (lowercase hex) and when its status changed.</summary>
public sealed record RevokedCertificate(string SerialNumber, DateTimeOffset RevokedAt);
