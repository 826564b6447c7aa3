using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Issuance;

namespace Secretless.Local.Pki;

/// <summary>
/// Builds a device certificate from the core's profile and nothing else: the CSR is never
/// consulted, so no requested extension or subject attribute can reach the certificate.
/// P-256 device keys under a P-256 issuing CA (the default PKI) take the AsnWriter fast path
/// (<see cref="P256DeviceCertificateWriter"/>); every other key goes through CertificateRequest.
/// Both write the same extensions, in this order: basic constraints, key usage, EKU, SKI, AKI.
/// </summary>
internal static class DeviceCertificateBuilder
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    /// <summary>
    /// The extensions before SKI and AKI: end entity (critical), digitalSignature (critical), clientAuth.
    /// New instances per call: X509Extension objects are mutable, so none is shared between requests.
    /// </summary>
    internal static X509Extension[] CreateLeadingExtensions() =>
    [
        new X509BasicConstraintsExtension(false, false, 0, true),
        new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true),
        new X509EnhancedKeyUsageExtension([ClientAuthentication], false),
    ];

    public static DeviceCertificate Build(CertificateProfile profile, LocalIssuingCa issuer)
    {
        Validate(profile, issuer);
        return issuer.P256Writer is { } writer && writer.TryWrite(profile, out var certificate)
            ? certificate
            : CreateWithCertificateRequest(profile, issuer);
    }

    /// <summary>The general path for any key the platform can parse; tests compare it with the fast path.</summary>
    internal static DeviceCertificate BuildWithCertificateRequest(CertificateProfile profile, LocalIssuingCa issuer)
    {
        Validate(profile, issuer);
        return CreateWithCertificateRequest(profile, issuer);
    }

    internal static X509AuthorityKeyIdentifierExtension AuthorityKeyIdentifier(X509SubjectKeyIdentifierExtension issuerKeyIdentifier)
        => X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuerKeyIdentifier);

    private static void Validate(CertificateProfile profile, LocalIssuingCa issuer)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(issuer);
        if (profile.NotAfter <= profile.NotBefore)
        {
            throw new ArgumentException($"The profile for '{profile.DeviceId}' ends ({profile.NotAfter:O}) before it starts ({profile.NotBefore:O}).", nameof(profile));
        }

        if (profile.NotAfter > issuer.NotAfter)
        {
            throw new ArgumentException(
                $"The profile for '{profile.DeviceId}' ends at {profile.NotAfter:O}, after the issuing CA ({issuer.NotAfter:O}).",
                nameof(profile));
        }

        if (profile.SerialNumber is not { Length: > 0 })
        {
            throw new ArgumentException($"The profile for '{profile.DeviceId}' has no serial number.", nameof(profile));
        }
    }

    private static DeviceCertificate CreateWithCertificateRequest(CertificateProfile profile, LocalIssuingCa issuer)
    {
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(profile.SubjectPublicKey, out var bytesRead);
        if (bytesRead != profile.SubjectPublicKey.Length)
        {
            throw new ArgumentException($"The profile's public key for '{profile.DeviceId}' has trailing bytes.", nameof(profile));
        }

        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(profile.DeviceId);
        var request = new CertificateRequest(subject.Build(), publicKey, HashAlgorithmName.SHA256);
        foreach (var extension in CreateLeadingExtensions())
        {
            request.CertificateExtensions.Add(extension);
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        request.CertificateExtensions.Add(AuthorityKeyIdentifier(issuer.SubjectKeyIdentifier));
        using var certificate = request.Create(
            issuer.Certificate.SubjectName, issuer.SignatureGenerator, profile.NotBefore, profile.NotAfter, profile.SerialNumber);
        return new DeviceCertificate(
            certificate.RawData,
            certificate.SerialNumberBytes.ToArray(),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }
}
