using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Local.Pki;

/// <summary>
/// The HTTPS server certificate, cached on disk so restarts keep the same certificate (clients
/// that pinned it keep working) and reissued only when it no longer fits.
/// </summary>
internal sealed class ServerCertificateStore
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(90);
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(7);

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private readonly string _certificatePath;
    private readonly string _keyPath;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();

    public ServerCertificateStore(string certificatePath, string keyPath, TimeProvider timeProvider)
    {
        _certificatePath = certificatePath;
        _keyPath = keyPath;
        _timeProvider = timeProvider;
    }

    /// <summary>A certificate for the names, issued by <paramref name="issuer"/> (reissued when the one on disk is by another CA).</summary>
    public X509Certificate2 GetOrIssue(LocalIssuingCa issuer, IEnumerable<string> dnsNames, IEnumerable<IPAddress> ipAddresses)
    {
        var names = dnsNames.Select(name => name.Trim().ToLowerInvariant()).Where(name => name.Length > 0).Distinct().Order().ToArray();
        var addresses = ipAddresses.Distinct().OrderBy(address => address.ToString(), StringComparer.Ordinal).ToArray();
        if (names.Length == 0 && addresses.Length == 0)
        {
            throw new ArgumentException("A server certificate needs at least one DNS name or IP address.", nameof(dnsNames));
        }

        lock (_gate)
        {
            var existing = TryLoadFitting(issuer, names, addresses);
            if (existing is not null)
            {
                return existing;
            }

            Issue(issuer, names, addresses);
            return X509Certificate2.CreateFromPemFile(_certificatePath, _keyPath);
        }
    }

    private X509Certificate2? TryLoadFitting(LocalIssuingCa issuer, string[] names, IPAddress[] addresses)
    {
        if (!File.Exists(_certificatePath) || !File.Exists(_keyPath))
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(_certificatePath, _keyPath);
        }
        catch (CryptographicException)
        {
            return null; // Damaged or a mismatched pair: issue a fresh one.
        }

        if (Fits(issuer, certificate, names, addresses))
        {
            return certificate;
        }

        certificate.Dispose();
        return null;
    }

    private bool Fits(LocalIssuingCa issuer, X509Certificate2 certificate, string[] names, IPAddress[] addresses)
    {
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (notAfter - _timeProvider.GetUtcNow() < RenewBefore)
        {
            return false;
        }

        var authorityKey = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().SingleOrDefault();
        if (authorityKey?.KeyIdentifier is not { } keyIdentifier
            || !keyIdentifier.Span.SequenceEqual(Convert.FromHexString(issuer.SubjectKeyIdentifier.SubjectKeyIdentifier!)))
        {
            return false;
        }

        var alternativeNames = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SingleOrDefault();
        if (alternativeNames is null)
        {
            return false;
        }

        var presentNames = alternativeNames.EnumerateDnsNames().Select(name => name.ToLowerInvariant()).Order().ToArray();
        var presentAddresses = alternativeNames.EnumerateIPAddresses().OrderBy(address => address.ToString(), StringComparer.Ordinal).ToArray();
        return presentNames.SequenceEqual(names) && presentAddresses.SequenceEqual(addresses);
    }

    private void Issue(LocalIssuingCa issuer, string[] names, IPAddress[] addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("Secretless");
        subject.AddCommonName(names.Length > 0 ? names[0] : addresses[0].ToString());

        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            alternativeNames.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            alternativeNames.AddIpAddress(address);
        }

        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        request.CertificateExtensions.Add(alternativeNames.Build(critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuer.SubjectKeyIdentifier));

        var now = _timeProvider.GetUtcNow();
        var notAfter = now + Validity < issuer.NotAfter ? now + Validity : issuer.NotAfter;
        using var certificate = request.Create(
            issuer.Certificate.SubjectName,
            issuer.SignatureGenerator,
            now - CaCertificateFactory.Backdate,
            notAfter,
            SerialNumbers.NewRandom());

        // Key first: a crash between the two writes leaves a mismatched pair, which the next
        // start detects (CreateFromPemFile fails) and replaces.
        PemFiles.WritePrivateKey(_keyPath, key);
        PemFiles.WriteCertificates(_certificatePath, certificate, issuer.Certificate);
    }
}
