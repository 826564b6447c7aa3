using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Secretless.Local.Pki;

/// <summary>
/// One loaded version of <c>pki.json</c>: the active issuing CA (with its key), every issuer's
/// certificate and the ones still trusted. Immutable once built, so readers never lock; a refresh
/// builds a new snapshot and swaps the reference.
/// </summary>
internal sealed class LocalPkiSnapshot : IDisposable
{
    private readonly List<X509Certificate2> _certificates;

    private LocalPkiSnapshot(
        string manifestText,
        PkiManifest manifest,
        LocalIssuingCa activeIssuer,
        IReadOnlyList<LocalIssuerInfo> issuers,
        X509Certificate2Collection trustedIssuers,
        List<X509Certificate2> certificates)
    {
        ManifestText = manifestText;
        Manifest = manifest;
        ActiveIssuer = activeIssuer;
        Issuers = issuers;
        TrustedIssuers = trustedIssuers;
        _certificates = certificates;
    }

    public string ManifestText { get; }

    public PkiManifest Manifest { get; }

    public LocalIssuingCa ActiveIssuer { get; }

    public IReadOnlyList<LocalIssuerInfo> Issuers { get; }

    /// <summary>Certificates of the issuers that are not revoked (active and retired).</summary>
    public X509Certificate2Collection TrustedIssuers { get; }

    public static PkiManifest Parse(string manifestText, string path)
    {
        var manifest = JsonSerializer.Deserialize(manifestText, PkiJsonContext.Default.PkiManifest)
            ?? throw new InvalidDataException($"'{path}' is empty.");
        if (manifest.Format != PkiManifest.CurrentFormat)
        {
            throw new InvalidDataException($"'{path}' has format {manifest.Format}; this build reads format {PkiManifest.CurrentFormat}.");
        }

        return manifest;
    }

    /// <summary>Loads a snapshot; <paramref name="current"/>'s active issuer is reused when it is still the active one.</summary>
    public static LocalPkiSnapshot Load(string directory, string manifestText, X509Certificate2 root, LocalIssuingCa? current)
    {
        var manifest = Parse(manifestText, Path.Combine(directory, LocalPkiFileNames.Manifest));
        var entry = manifest.Issuers.SingleOrDefault(issuer => issuer.Id == manifest.ActiveIssuerId)
            ?? throw new InvalidDataException($"{LocalPkiFileNames.Manifest} in '{directory}' names active issuer '{manifest.ActiveIssuerId}' but does not list it.");
        var active = current is not null && current.Id == entry.Id ? current : OpenIssuer(directory, entry, root);

        var certificates = new List<X509Certificate2>();
        try
        {
            var issuers = new List<LocalIssuerInfo>();
            var trusted = new X509Certificate2Collection();
            foreach (var issuer in manifest.Issuers.OrderBy(issuer => issuer.EffectiveOrdinal))
            {
                var certificate = PemFiles.ReadCertificate(RequiredFile(directory, issuer.CertificateFile));
                certificates.Add(certificate);
                issuers.Add(Describe(issuer, certificate));
                if (!issuer.IsRevoked)
                {
                    trusted.Add(certificate);
                }
            }

            return new LocalPkiSnapshot(manifestText, manifest, active, issuers, trusted, certificates);
        }
        catch
        {
            certificates.ForEach(certificate => certificate.Dispose());
            if (!ReferenceEquals(active, current))
            {
                active.Dispose();
            }

            throw;
        }
    }

    /// <summary>Loads an issuer's certificate and key and checks that they belong together.</summary>
    public static LocalIssuingCa OpenIssuer(string directory, PkiIssuerEntry entry, X509Certificate2 root)
    {
        X509Certificate2? certificate = null;
        ECDsa? key = null;
        try
        {
            certificate = PemFiles.ReadCertificate(RequiredFile(directory, entry.CertificateFile));
            key = PemFiles.ReadPrivateKey(RequiredFile(directory, entry.KeyFile));
            using (var publicKey = certificate.GetECDsaPublicKey())
            {
                if (publicKey is null || !publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
                {
                    throw new InvalidDataException($"'{entry.KeyFile}' is not the private key of '{entry.CertificateFile}' in '{directory}'.");
                }
            }

            return new LocalIssuingCa(entry.Id, certificate, key, root);
        }
        catch
        {
            key?.Dispose();
            certificate?.Dispose();
            throw;
        }
    }

    public static LocalIssuerInfo Describe(PkiIssuerEntry entry, X509Certificate2 certificate) => new(
        entry.Id,
        entry.Status,
        certificate.Subject,
        Convert.ToHexStringLower(certificate.SerialNumberBytes.Span),
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        entry.CreatedAt,
        entry.RevokedAt,
        entry.EffectiveOrdinal);

    public static string RequiredFile(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        return File.Exists(path) ? path : throw new LocalPkiNotInitializedException(directory, fileName);
    }

    /// <summary>Disposes the certificates this snapshot loaded; the active issuer is disposed by its owner.</summary>
    public void Dispose() => _certificates.ForEach(certificate => certificate.Dispose());
}
