using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Issuance;

namespace Secretless.Local.Pki;

/// <summary>
/// Builds a device certificate from the core's profile and nothing else: the CSR is never
/// consulted, so no requested extension or subject attribute can reach the certificate.
/// </summary>
internal static class DeviceCertificateBuilder
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    public static X509Certificate2 Build(CertificateProfile profile, LocalIssuingCa issuer)
    {
        ArgumentNullException.ThrowIfNull(profile);
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

        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(profile.SubjectPublicKey, out var bytesRead);
        if (bytesRead != profile.SubjectPublicKey.Length)
        {
            throw new ArgumentException($"The profile's public key for '{profile.DeviceId}' has trailing bytes.", nameof(profile));
        }

        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(profile.DeviceId);
        var request = new CertificateRequest(subject.Build(), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuer.SubjectKeyIdentifier));
        return request.Create(issuer.Certificate.SubjectName, issuer.SignatureGenerator, profile.NotBefore, profile.NotAfter, profile.SerialNumber);
    }
}
