using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Issuance;

namespace Secretless.Local.Pki;

/// <summary>
/// The file-backed local PKI in <c>&lt;data&gt;/pki</c>: an ECDSA P-256 root and issuing CAs.
/// The root key is never loaded to issue; only the active issuing CA's key is held in memory.
/// <see cref="RefreshIfChanged"/> follows <c>ca rotate|revoke</c> made by another process.
/// </summary>
public sealed class LocalPki : IDisposable
{
    private readonly ServerCertificateStore _serverCertificates;
    private readonly ConcurrentDictionary<string, LocalServerCertificate> _serverCertificateCache = new(StringComparer.Ordinal);
    private readonly Lock _refreshGate = new();

    // Superseded snapshots and issuers stay alive until Dispose: a signing call or a TLS handshake
    // that read the previous snapshot may still be using them.
    private readonly List<IDisposable> _superseded = [];
    private volatile LocalPkiSnapshot _snapshot;
    private (long Length, DateTime WriteTime) _manifestStamp;
    private long _generation;

    private LocalPki(string directory, X509Certificate2 root, LocalPkiSnapshot snapshot, (long, DateTime) stamp, TimeProvider timeProvider)
    {
        Directory = directory;
        RootCertificate = root;
        _snapshot = snapshot;
        _manifestStamp = stamp;
        _serverCertificates = new ServerCertificateStore(
            Path.Combine(directory, LocalPkiFileNames.ServerCertificate),
            Path.Combine(directory, LocalPkiFileNames.ServerKey),
            timeProvider);
    }

    /// <summary>The PKI directory (<c>&lt;data&gt;/pki</c>).</summary>
    public string Directory { get; }

    /// <summary>PEM of the root CA certificate (the trust anchor).</summary>
    public string RootCertificatePath => Path.Combine(Directory, LocalPkiFileNames.RootCertificate);

    /// <summary>PEM of the first issuing CA certificate.</summary>
    public string IssuingCertificatePath => Path.Combine(Directory, LocalPkiFileNames.FirstIssuerCertificate);

    /// <summary>PEM of the active issuing CA then the root, for devices and <c>GET /ca</c>.</summary>
    public string ChainPemPath => Path.Combine(Directory, LocalPkiFileNames.ChainPem);

    /// <summary>DER of the root's CRL (revoked issuing CAs).</summary>
    public string RootCrlPath => Path.Combine(Directory, LocalPkiFileNames.RootCrl);

    /// <summary>The root CA certificate (no private key).</summary>
    public X509Certificate2 RootCertificate { get; }

    /// <summary>The active issuing CA certificate (without its private key); owned by this instance.</summary>
    public X509Certificate2 IssuingCertificate => _snapshot.ActiveIssuer.Certificate;

    /// <summary>Short id of the active issuing CA (<c>ica-</c> + 8 hex digits of its key id).</summary>
    public string ActiveIssuerId => _snapshot.ActiveIssuer.Id;

    /// <summary>Issuing CAs that are not revoked (active and retired); owned by this instance, do not dispose.</summary>
    public X509Certificate2Collection TrustedIssuerCertificates => _snapshot.TrustedIssuers;

    /// <summary>Increments every time a refresh loads a changed <c>pki.json</c>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    internal LocalIssuingCa ActiveIssuer => _snapshot.ActiveIssuer;

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
        var manifestPath = Path.Combine(directory, LocalPkiFileNames.Manifest);
        if (!File.Exists(manifestPath))
        {
            throw new LocalPkiNotInitializedException(directory, LocalPkiFileNames.Manifest);
        }

        var stamp = StampOf(manifestPath);
        var text = File.ReadAllText(manifestPath);
        var manifest = LocalPkiSnapshot.Parse(text, manifestPath);
        var root = PemFiles.ReadCertificate(LocalPkiSnapshot.RequiredFile(directory, manifest.RootCertificateFile));
        try
        {
            var snapshot = LocalPkiSnapshot.Load(directory, text, root, current: null);
            return new LocalPki(directory, root, snapshot, stamp, timeProvider ?? TimeProvider.System);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reloads <c>pki.json</c> when it changed (a stat per call; the content is compared only when
    /// size or time moved) and swaps the active issuer atomically. True when something changed.
    /// </summary>
    public bool RefreshIfChanged()
    {
        var manifestPath = Path.Combine(Directory, LocalPkiFileNames.Manifest);

        // Every issuance asks (Describe): the unchanged case takes no lock. A torn read of the
        // stamp only sends this call into the lock, where it is compared again.
        if (StampOf(manifestPath) == _manifestStamp)
        {
            return false;
        }

        lock (_refreshGate)
        {
            var stamp = StampOf(manifestPath);
            if (stamp == _manifestStamp)
            {
                return false;
            }

            var text = File.ReadAllText(manifestPath);
            var current = _snapshot;
            if (text == current.ManifestText)
            {
                _manifestStamp = stamp;
                return false;
            }

            var next = LocalPkiSnapshot.Load(Directory, text, RootCertificate, current.ActiveIssuer);
            _superseded.Add(current);
            if (!ReferenceEquals(next.ActiveIssuer, current.ActiveIssuer))
            {
                _superseded.Add(current.ActiveIssuer);
            }

            _snapshot = next;
            _manifestStamp = stamp;
            Interlocked.Increment(ref _generation);
            return true;
        }
    }

    /// <summary>Every issuing CA, oldest first, with its status.</summary>
    public IReadOnlyList<LocalIssuerInfo> ListIssuers() => _snapshot.Issuers;

    /// <summary>The active issuing CA as devices see it: validity and chain (issuing CA, root).</summary>
    /// <remarks>
    /// Refreshes first (one stat): a device re-provisioning right after <c>ca rotate|revoke</c> in
    /// another process must get the new issuer, not one from a CA revoked a moment ago that the
    /// once-a-second watcher has not noticed yet.
    /// </remarks>
    public IssuerDescription Describe()
    {
        RefreshQuietly();
        var issuer = _snapshot.ActiveIssuer;
        return new(issuer.NotBefore, issuer.NotAfter, issuer.ChainDer);
    }

    /// <summary>
    /// What a failed <see cref="RefreshIfChanged"/> throws when <c>pki.json</c> or an issuer file is
    /// damaged or unreadable: the current issuer stays in use and the watcher reports it.
    /// </summary>
    public static bool IsUnreadableState(Exception exception) =>
        exception is IOException or InvalidDataException or System.Text.Json.JsonException
            or CryptographicException or UnauthorizedAccessException or LocalPkiNotInitializedException;

    /// <summary>The PEM text of the chain (issuing CA, then root).</summary>
    public string ReadChainPem() => File.ReadAllText(ChainPemPath);

    /// <summary>A new server certificate object (caller disposes) from the active issuing CA, reusing the one on disk when it fits.</summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string> dnsNames, IEnumerable<IPAddress> ipAddresses)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(ipAddresses);
        return _serverCertificates.GetOrIssue(_snapshot.ActiveIssuer, dnsNames, ipAddresses);
    }

    /// <summary>
    /// The server certificate for these names from the active issuing CA, cached per issuer: after a
    /// rotation the next TLS handshake gets one from the new CA. Owned by this instance.
    /// </summary>
    public LocalServerCertificate GetServerCertificate(IReadOnlyCollection<string> dnsNames, IReadOnlyCollection<IPAddress> ipAddresses)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(ipAddresses);
        var issuer = _snapshot.ActiveIssuer;
        var key = issuer.Id + "|" + string.Join(",", dnsNames) + "|" + string.Join(",", ipAddresses);
        if (_serverCertificateCache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        lock (_serverCertificateCache)
        {
            return _serverCertificateCache.GetOrAdd(
                key,
                _ => new LocalServerCertificate(_serverCertificates.GetOrIssue(issuer, dnsNames, ipAddresses), issuer.Certificate, issuer.Id));
        }
    }

    /// <summary>Loads an issuer's key to sign its CRL (retired issuers' keys are not kept); null when unknown or revoked.</summary>
    internal LocalIssuingCa? OpenIssuerForSigning(string issuerId)
    {
        var entry = _snapshot.Manifest.Issuers.SingleOrDefault(issuer => issuer.Id == issuerId);
        return entry is null || entry.IsRevoked ? null : LocalPkiSnapshot.OpenIssuer(Directory, entry, RootCertificate);
    }

    public void Dispose()
    {
        lock (_refreshGate)
        {
            foreach (var certificate in _serverCertificateCache.Values)
            {
                certificate.Dispose();
            }

            _superseded.ForEach(item => item.Dispose());
            _snapshot.ActiveIssuer.Dispose();
            _snapshot.Dispose();
            RootCertificate.Dispose();
        }
    }

    private void RefreshQuietly()
    {
        try
        {
            RefreshIfChanged();
        }
        catch (Exception exception) when (IsUnreadableState(exception))
        {
            // Keep issuing from the current issuer; LocalPkiWatcher logs the damage.
        }
    }

    private static (long Length, DateTime WriteTime) StampOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, default);
    }
}
