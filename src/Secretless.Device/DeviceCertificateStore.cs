using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Device;

/// <summary>
/// The device's non-volatile storage for its certificate: <c>ca-chain.pem</c> (what <c>GET /ca</c>
/// served), <c>chain.pem</c> (the issuers) and <c>certificate.pem</c> (the leaf), each replaced
/// atomically. <c>certificate.pem</c> is written last and is the commit point: a power cut
/// before it leaves the old certificate (whose issuers are unchanged unless the CA rotated, in
/// which case the pair no longer verifies and the device simply provisions again); a cut during
/// any one write leaves that file old or new, never torn. A reader only ever accepts a
/// certificate that verifies against the trust anchors with the chain it finds.
/// </summary>
public sealed class DeviceCertificateStore
{
    public const string CertificateFileName = "certificate.pem";
    public const string ChainFileName = "chain.pem";
    public const string CaChainFileName = "ca-chain.pem";

    /// <summary>The renewal margin when none is given.</summary>
    public static readonly TimeSpan DefaultRenewalMargin = TimeSpan.FromDays(7);

    public DeviceCertificateStore(string directoryPath, TimeSpan? renewalMargin = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directoryPath);
        DirectoryPath = Path.GetFullPath(directoryPath);
        RenewalMargin = renewalMargin ?? DefaultRenewalMargin;
        ArgumentOutOfRangeException.ThrowIfLessThan(RenewalMargin, TimeSpan.Zero, nameof(renewalMargin));
    }

    public string DirectoryPath { get; }

    /// <summary>A stored certificate that expires within this margin counts as due for renewal, not valid.</summary>
    public TimeSpan RenewalMargin { get; }

    public string CertificatePath => Path.Combine(DirectoryPath, CertificateFileName);

    public string ChainPath => Path.Combine(DirectoryPath, ChainFileName);

    public string CaChainPath => Path.Combine(DirectoryPath, CaChainFileName);

    /// <summary>Stores a verified provisioning result (CA chain, issuers, then the leaf).</summary>
    public Task<StoredDeviceCertificate> SaveAsync(ProvisioningResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return SaveAsync(result.CertificatePem, result.CertificateChainPem, result.CaChainPem, cancellationToken);
    }

    /// <summary>Stores a certificate the caller verified; <paramref name="caChainPem"/> null keeps the stored one.</summary>
    public async Task<StoredDeviceCertificate> SaveAsync(
        string certificatePem, string certificateChainPem, string? caChainPem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        ArgumentNullException.ThrowIfNull(certificateChainPem);
        var stored = Describe(certificatePem, certificateChainPem)
            ?? throw new ArgumentException("The certificate PEM holds no certificate.", nameof(certificatePem));

        if (caChainPem is not null)
        {
            await AtomicFileWriter.WriteAsync(CaChainPath, caChainPem, null, cancellationToken);
        }

        await AtomicFileWriter.WriteAsync(ChainPath, certificateChainPem, null, cancellationToken);
        // Last: the leaf commits the set (see the type's remarks).
        await AtomicFileWriter.WriteAsync(CertificatePath, certificatePem, null, cancellationToken);
        return stored;
    }

    /// <summary>The stored CA chain from <c>GET /ca</c>, or null.</summary>
    public async Task<string?> TryReadCaChainAsync(CancellationToken cancellationToken) =>
        await TryReadAsync(CaChainPath, cancellationToken);

    /// <summary>
    /// The stored certificate when it is usable now: it chains (with the stored issuers) to a
    /// self-signed certificate in <paramref name="trustAnchorsPem"/>, carries
    /// <paramref name="privateKey"/>'s public key and <paramref name="deviceId"/> as its only CN,
    /// is valid at <paramref name="now"/> and stays valid beyond the renewal margin. Else null.
    /// </summary>
    public async Task<StoredDeviceCertificate?> TryLoadValidAsync(
        AsymmetricAlgorithm privateKey, string deviceId, string trustAnchorsPem, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(trustAnchorsPem);

        var certificatePem = await TryReadAsync(CertificatePath, cancellationToken);
        if (certificatePem is null)
        {
            return null;
        }

        // Without a chain file the anchors may still hold the issuers.
        var chainPem = await TryReadAsync(ChainPath, cancellationToken) ?? trustAnchorsPem;
        try
        {
            IssuedCertificateVerifier.Verify(certificatePem, chainPem, trustAnchorsPem, null, deviceId, privateKey, now);
        }
        catch (CertificateVerificationException)
        {
            return null;
        }

        var stored = Describe(certificatePem, chainPem);
        return stored is not null && stored.NotAfter - RenewalMargin > now ? stored : null;
    }

    private static StoredDeviceCertificate? Describe(string certificatePem, string chainPem)
    {
        try
        {
            using var leaf = X509Certificate2.CreateFromPem(certificatePem);
            return new StoredDeviceCertificate(
                certificatePem,
                chainPem,
                Convert.ToHexStringLower(SHA256.HashData(leaf.RawData)),
                new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static async Task<string?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
