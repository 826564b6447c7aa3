using System.Security.Cryptography;
using System.Text.Json;
using Secretless.Local.FileSystem;

namespace Secretless.Local.Pki;

/// <summary>
/// <c>ca rotate|revoke</c> on the PKI files: the only code that loads the root key. Each change
/// runs under <c>pki/.lock</c>, writes its new files first and replaces <c>pki.json</c> last
/// (atomically), so a crash leaves the previous PKI intact and a reader never sees half a change.
/// A running server follows through <see cref="LocalPki.RefreshIfChanged"/>.
/// </summary>
public static class LocalCaAdministration
{
    /// <summary>How long a change waits for another process's change to finish.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates the next issuing CA under the root and makes it active; the previous one becomes retired.</summary>
    public static LocalCaRotation Rotate(SecretlessDataDirectory dataDirectory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var directory = RequireDirectory(dataDirectory);
        using var pkiLock = LocalPkiLock.Acquire(directory, LockTimeout);
        var manifest = ReadManifest(directory);
        var now = timeProvider.GetUtcNow();
        using var root = PemFiles.ReadCertificate(LocalPkiSnapshot.RequiredFile(directory, manifest.RootCertificateFile));
        using var rootKey = PemFiles.ReadPrivateKey(LocalPkiSnapshot.RequiredFile(directory, manifest.RootKeyFile));
        var ordinal = manifest.Issuers.Select(issuer => issuer.EffectiveOrdinal).DefaultIfEmpty(0).Max() + 1;

        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issuer = CaCertificateFactory.CreateIssuer(issuerKey, root, rootKey, ordinal, now);
        var issuerId = CaCertificateFactory.IssuerIdOf(issuer);
        var entry = new PkiIssuerEntry
        {
            Id = issuerId,
            CertificateFile = LocalPkiFileNames.IssuerCertificate(ordinal),
            KeyFile = LocalPkiFileNames.IssuerKey(ordinal),
            Status = PkiIssuerEntry.Active,
            CreatedAt = now,
            Ordinal = ordinal,
        };

        // Staged: the new files are not referenced until pki.json names them.
        PemFiles.WritePrivateKey(Path.Combine(directory, entry.KeyFile), issuerKey);
        PemFiles.WriteCertificates(Path.Combine(directory, entry.CertificateFile), issuer);

        var previousIssuerId = manifest.ActiveIssuerId;
        foreach (var existing in manifest.Issuers.Where(existing => existing.Status == PkiIssuerEntry.Active))
        {
            existing.Status = PkiIssuerEntry.Retired;
        }

        manifest.Issuers.Add(entry);
        manifest.ActiveIssuerId = issuerId;
        WriteRootCrl(directory, manifest, root, rootKey, now);
        PemFiles.WriteCertificates(Path.Combine(directory, LocalPkiFileNames.ChainPem), issuer, root);
        WriteManifest(directory, manifest);
        return new LocalCaRotation(previousIssuerId, issuerId, issuer.Subject);
    }

    /// <summary>
    /// Marks a retired issuing CA revoked and puts it on the root CRL. The active one is refused
    /// (<see cref="ActiveIssuerRevocationException"/>); an unknown id throws <see cref="LocalIssuerNotFoundException"/>;
    /// an already revoked one is left as it is.
    /// </summary>
    public static LocalCaRevocation Revoke(SecretlessDataDirectory dataDirectory, string issuerId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuerId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var directory = RequireDirectory(dataDirectory);
        using var pkiLock = LocalPkiLock.Acquire(directory, LockTimeout);
        var manifest = ReadManifest(directory);
        var entry = manifest.Issuers.SingleOrDefault(issuer => string.Equals(issuer.Id, issuerId.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new LocalIssuerNotFoundException(
                $"no issuing CA '{issuerId}' in this PKI; 'secretless ca list' shows the ids ({string.Join(", ", manifest.Issuers.Select(issuer => issuer.Id))}).");
        using var certificate = PemFiles.ReadCertificate(LocalPkiSnapshot.RequiredFile(directory, entry.CertificateFile));
        if (entry.IsRevoked)
        {
            return new LocalCaRevocation(entry.Id, certificate.Subject, AlreadyRevoked: true, entry.RevokedAt ?? entry.CreatedAt);
        }

        if (entry.Id == manifest.ActiveIssuerId)
        {
            throw new ActiveIssuerRevocationException(
                $"'{entry.Id}' is the active issuing CA; run 'secretless ca rotate' first, then revoke '{entry.Id}'.");
        }

        var now = timeProvider.GetUtcNow();
        entry.Status = PkiIssuerEntry.Revoked;
        entry.RevokedAt = now;
        using var root = PemFiles.ReadCertificate(LocalPkiSnapshot.RequiredFile(directory, manifest.RootCertificateFile));
        using var rootKey = PemFiles.ReadPrivateKey(LocalPkiSnapshot.RequiredFile(directory, manifest.RootKeyFile));
        WriteRootCrl(directory, manifest, root, rootKey, now);
        WriteManifest(directory, manifest);
        return new LocalCaRevocation(entry.Id, certificate.Subject, AlreadyRevoked: false, now);
    }

    /// <summary>Every issuing CA with its status, read from the files (no key is loaded).</summary>
    public static (IReadOnlyList<LocalIssuerInfo> Issuers, string ActiveIssuerId) List(SecretlessDataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var directory = RequireDirectory(dataDirectory);
        var manifest = ReadManifest(directory);
        var issuers = new List<LocalIssuerInfo>();
        foreach (var entry in manifest.Issuers.OrderBy(issuer => issuer.EffectiveOrdinal))
        {
            using var certificate = PemFiles.ReadCertificate(LocalPkiSnapshot.RequiredFile(directory, entry.CertificateFile));
            issuers.Add(LocalPkiSnapshot.Describe(entry, certificate));
        }

        return (issuers, manifest.ActiveIssuerId);
    }

    private static string RequireDirectory(SecretlessDataDirectory dataDirectory)
    {
        var directory = dataDirectory.PkiDirectory;
        return File.Exists(Path.Combine(directory, LocalPkiFileNames.Manifest))
            ? directory
            : throw new LocalPkiNotInitializedException(directory, LocalPkiFileNames.Manifest);
    }

    private static PkiManifest ReadManifest(string directory)
    {
        var path = Path.Combine(directory, LocalPkiFileNames.Manifest);
        return LocalPkiSnapshot.Parse(File.ReadAllText(path), path);
    }

    private static void WriteManifest(string directory, PkiManifest manifest) => PrivateFiles.WriteAtomically(
        Path.Combine(directory, LocalPkiFileNames.Manifest),
        JsonSerializer.Serialize(manifest, PkiJsonContext.Default.PkiManifest) + "\n",
        secret: false);

    private static void WriteRootCrl(string directory, PkiManifest manifest, System.Security.Cryptography.X509Certificates.X509Certificate2 root, ECDsa rootKey, DateTimeOffset now)
    {
        var revoked = new List<(string SerialHex, DateTimeOffset RevokedAt)>();
        foreach (var entry in manifest.Issuers.Where(issuer => issuer.IsRevoked))
        {
            using var certificate = PemFiles.ReadCertificate(LocalPkiSnapshot.RequiredFile(directory, entry.CertificateFile));
            revoked.Add((Convert.ToHexString(certificate.SerialNumberBytes.Span), entry.RevokedAt ?? now));
        }

        manifest.RootCrlNumber++;
        PrivateFiles.WriteAtomically(
            Path.Combine(directory, LocalPkiFileNames.RootCrl),
            CrlFactory.Build(root, rootKey, revoked, manifest.RootCrlNumber, now),
            secret: false);
    }
}
