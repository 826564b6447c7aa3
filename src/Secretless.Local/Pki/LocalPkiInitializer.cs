using System.Security.Cryptography;
using System.Text.Json;
using Secretless.Local.FileSystem;

namespace Secretless.Local.Pki;

/// <summary>
/// Creates a new PKI directory all at once: every file is written into a private staging
/// directory next to <c>pki/</c> which is then renamed into place. A crash leaves either no PKI
/// or a complete one, and two processes initializing at once end up with the same (first) PKI.
/// </summary>
internal static class LocalPkiInitializer
{
    /// <summary>Returns true when it created the PKI, false when a complete one already existed.</summary>
    public static bool EnsureCreated(SecretlessDataDirectory dataDirectory, TimeProvider timeProvider)
    {
        dataDirectory.EnsureExists();
        var pkiDirectory = dataDirectory.PkiDirectory;
        if (File.Exists(Path.Combine(pkiDirectory, LocalPkiFileNames.Manifest)))
        {
            return false;
        }

        RemoveIfEmpty(pkiDirectory);
        var staging = Path.Combine(dataDirectory.RootPath, $".pki-staging-{Guid.NewGuid():N}");
        PrivateFiles.EnsureDirectory(staging);
        try
        {
            WriteNewPki(staging, timeProvider.GetUtcNow());
            try
            {
                Directory.Move(staging, pkiDirectory);
                return true;
            }
            catch (IOException) when (File.Exists(Path.Combine(pkiDirectory, LocalPkiFileNames.Manifest)))
            {
                // Another process initialized first; its PKI wins and ours is discarded.
                return false;
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void WriteNewPki(string directory, DateTimeOffset now)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = CaCertificateFactory.CreateRoot(rootKey, now);
        using var issuer = CaCertificateFactory.CreateIssuer(issuerKey, root, rootKey, ordinal: 1, now);

        PemFiles.WritePrivateKey(Path.Combine(directory, LocalPkiFileNames.RootKey), rootKey);
        PemFiles.WritePrivateKey(Path.Combine(directory, LocalPkiFileNames.FirstIssuerKey), issuerKey);
        PemFiles.WriteCertificates(Path.Combine(directory, LocalPkiFileNames.RootCertificate), root);
        PemFiles.WriteCertificates(Path.Combine(directory, LocalPkiFileNames.FirstIssuerCertificate), issuer);
        PemFiles.WriteCertificates(Path.Combine(directory, LocalPkiFileNames.ChainPem), issuer, root);

        var issuerId = CaCertificateFactory.IssuerIdOf(issuer);
        var manifest = new PkiManifest
        {
            RootCertificateFile = LocalPkiFileNames.RootCertificate,
            RootKeyFile = LocalPkiFileNames.RootKey,
            ActiveIssuerId = issuerId,
            RootCrlNumber = 1,
            Issuers =
            [
                new PkiIssuerEntry
                {
                    Id = issuerId,
                    CertificateFile = LocalPkiFileNames.FirstIssuerCertificate,
                    KeyFile = LocalPkiFileNames.FirstIssuerKey,
                    Status = PkiIssuerEntry.Active,
                    CreatedAt = now,
                    Ordinal = 1,
                },
            ],
        };
        // An empty root CRL from the start, so relying parties that require one find it.
        PrivateFiles.WriteAtomically(
            Path.Combine(directory, LocalPkiFileNames.RootCrl),
            CrlFactory.Build(root, rootKey, [], manifest.RootCrlNumber, now),
            secret: false);
        PrivateFiles.WriteAtomically(
            Path.Combine(directory, LocalPkiFileNames.Manifest),
            JsonSerializer.Serialize(manifest, PkiJsonContext.Default.PkiManifest) + "\n",
            secret: false);
    }

    private static void RemoveIfEmpty(string pkiDirectory)
    {
        if (!Directory.Exists(pkiDirectory))
        {
            return;
        }

        if (Directory.EnumerateFileSystemEntries(pkiDirectory).Any())
        {
            throw new InvalidOperationException(
                $"'{pkiDirectory}' exists but has no {LocalPkiFileNames.Manifest}: it is incomplete or was not made by secretless. Move it away and run 'pki init' again.");
        }

        Directory.Delete(pkiDirectory);
    }
}
