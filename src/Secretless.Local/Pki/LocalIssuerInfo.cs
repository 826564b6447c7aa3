namespace Secretless.Local.Pki;

/// <summary>
/// One issuing CA of the local PKI as operators see it. <see cref="Subject"/> is the DN string
/// .NET renders (<c>X509Certificate2.Subject</c>), which is what the registry stores as the issuer
/// of the certificates it signed.
/// </summary>
public sealed record LocalIssuerInfo(
    string Id,
    string Status,
    string Subject,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    int Ordinal);
