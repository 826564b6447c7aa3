using Secretless.Core.Registry;

namespace Secretless.Local.Registry;

/// <summary>Revocation by issuing CA: the cascade of <c>ca revoke</c> and the source of each issuer's CRL.</summary>
public sealed partial class SqliteThingRegistry
{
    /// <summary>
    /// Sets every certificate signed by <paramref name="issuerName"/> (the DN string of
    /// <c>X509Certificate2.Issuer</c>, as stored at registration) to REVOKED in one statement;
    /// returns how many changed. The status trigger feeds each change to the brokers.
    /// </summary>
    public async Task<int> RevokeCertificatesIssuedByAsync(string issuerName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuerName);
        return await ExecuteAsync(
            "UPDATE certificates SET status = $revoked, updated_at = $now WHERE issuer = $issuer AND status <> $revoked;",
            [("$revoked", (int)CertificateStatus.Revoked), ("$now", Now()), ("$issuer", issuerName)],
            cancellationToken);
    }

    /// <summary>The REVOKED certificates signed by <paramref name="issuerName"/>, by serial.</summary>
    public async Task<IReadOnlyList<RevokedCertificate>> ListRevokedIssuedByAsync(string issuerName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuerName);
        return await QueryAsync(
            "SELECT serial, updated_at FROM certificates WHERE issuer = $issuer AND status = $revoked ORDER BY serial;",
            [("$issuer", issuerName), ("$revoked", (int)CertificateStatus.Revoked)],
            r => new RevokedCertificate(r.GetString(0), Time(r, 1)),
            cancellationToken);
    }
}
