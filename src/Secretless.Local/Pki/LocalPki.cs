using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Secretless.Core.Issuance;

namespace Secretless.Local.Pki;

/// <summary>
/// The file-backed local PKI in <c>&lt;data&gt;/pki</c>: an ECDSA P-256 root and issuing CA.
/// The root key is never loaded to issue; only the active issuing CA's key is held in memory.
/// </summary>
public sealed class LocalPki : IDisposable
{
    private readonly LocalIssuingCa _issuer;
    private readonly ServerCertificateStore _serverCertificates;

    private LocalPki(string directory, X509Certificate2 root, LocalIssuingCa issuer, TimeProvider timeProvider)
    {
        Directory = directory;
        RootCertificate = root;
        _issuer = issuer;
        _serverCertificates = new ServerCertificateStore(
            Path.Combine(directory, LocalPkiFileNames.ServerCertificate),
            Path.Combine(directory, LocalPkiFileNames.ServerKey),
            issuer,
            timeProvider);
    }

    /// <summary>The PKI directory (<c>&lt;data&gt;/pki</c>).</summary>
    public string Directory { get; }

    /// <summary>PEM of the root CA certificate (the trust anchor).</summary>
    public string RootCertificatePath => Path.Combine(Directory, LocalPkiFileNames.RootCertificate);

    /// <summary>PEM of the first issuing CA certificate.</summary>
    public string IssuingCertificatePath => Path.Combine(Directory, LocalPkiFileNames.FirstIssuerCertificate);

    /// <summary>PEM of the issuing CA then the root, for devices and <c>GET /ca</c>.</summary>
    public string ChainPemPath => Path.Combine(Directory, LocalPkiFileNames.ChainPem);

    /// <summary>The root CA certificate (no private key).</summary>
    public X509Certificate2 RootCertificate { get; }

    /// <summary>The active issuing CA certificate (without its private key); owned by this instance.</summary>
    public X509Certificate2 IssuingCertificate => _issuer.Certificate;

    /// <summary>Short id of the active issuing CA (<c>ica-</c> + 8 hex digits of its key id).</summary>
    public string ActiveIssuerId => _issuer.Id;

    internal LocalIssuingCa ActiveIssuer => _issuer;

    /// <summary>True when <paramref name="dataDirectory"/> holds a complete PKI.</summary>
    public static bool Exists(SecretlessDataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        return File.Exists(Path.Combine(dataDirectory.PkiDirectory, LocalPkiFileNames.Manifest));
    }

    /// <summary>Creates the root and issuing CA unless they exist, then opens the PKI (idempotent).</summary>
    public static LocalPki Initialize(SecretlessDataDirectory dataDirectory, TimeProvider timeProvider)
        => Initialize(dataDirectory, timeProvider, out _);

    /// <summary>As <see cref="Initialize(SecretlessDataDirectory, TimeProvider)"/>; <paramref name="created"/> says whether it made a new PKI.</summary>
    public static LocalPki Initialize(SecretlessDataDirectory dataDirectory, TimeProvider timeProvider, out bool created)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        created = LocalPkiInitializer.EnsureCreated(dataDirectory, timeProvider);
        return Open(dataDirectory, timeProvider);
    }

    /// <summary>Opens an existing PKI; throws <see cref="LocalPkiNotInitializedException"/> when there is none.</summary>
    public static LocalPki Open(SecretlessDataDirectory dataDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var directory = dataDirectory.PkiDirectory;
        var manifest = ReadManifest(directory);
        var entry = manifest.Issuers.SingleOrDefault(issuer => issuer.Id == manifest.ActiveIssuerId)
            ?? throw new InvalidDataException($"{LocalPkiFileNames.Manifest} in '{directory}' names active issuer '{manifest.ActiveIssuerId}' but does not list it.");

        var root = PemFiles.ReadCertificate(RequiredFile(directory, manifest.RootCertificateFile));
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

            var issuer = new LocalIssuingCa(entry.Id, certificate, key, root);
            return new LocalPki(directory, root, issuer, timeProvider ?? TimeProvider.System);
        }
        catch
        {
            key?.Dispose();
            certificate?.Dispose();
            root.Dispose();
            throw;
        }
    }

    /// <summary>The active issuing CA as devices see it: validity and chain (issuing CA, root).</summary>
    public IssuerDescription Describe() => new(_issuer.NotBefore, _issuer.NotAfter, _issuer.ChainDer);

    /// <summary>The PEM text of the chain (issuing CA, then root).</summary>
    public string ReadChainPem() => File.ReadAllText(ChainPemPath);

    /// <summary>
    /// A TLS server certificate (ECDSA P-256, serverAuth, the given SANs) from the issuing CA, with
    /// its private key, usable by Kestrel. Kept in <c>server.crt</c>/<c>server.key</c> and reissued
    /// when the SANs differ, the issuing CA changed, or it expires within 7 days.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string> dnsNames, IEnumerable<IPAddress> ipAddresses)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(ipAddresses);
        return _serverCertificates.GetOrIssue(dnsNames, ipAddresses);
    }

    public void Dispose()
    {
        _issuer.Dispose();
        RootCertificate.Dispose();
    }

    private static PkiManifest ReadManifest(string directory)
    {
        var path = Path.Combine(directory, LocalPkiFileNames.Manifest);
        if (!File.Exists(path))
        {
            throw new LocalPkiNotInitializedException(directory, LocalPkiFileNames.Manifest);
        }

        var manifest = JsonSerializer.Deserialize(File.ReadAllText(path), PkiJsonContext.Default.PkiManifest)
            ?? throw new InvalidDataException($"'{path}' is empty.");
        if (manifest.Format != PkiManifest.CurrentFormat)
        {
            throw new InvalidDataException($"'{path}' has format {manifest.Format}; this build reads format {PkiManifest.CurrentFormat}.");
        }

        return manifest;
    }

    private static string RequiredFile(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        return File.Exists(path) ? path : throw new LocalPkiNotInitializedException(directory, fileName);
    }
}
