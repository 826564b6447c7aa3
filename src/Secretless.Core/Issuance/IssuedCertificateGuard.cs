using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Keys;

namespace Secretless.Core.Issuance;

/// <summary>
/// Checks what a remote CA (ACM PCA, AWS IoT) sent back before anyone registers or answers it: the
/// certificate must be for the device's key and name. A template or CA misconfigured to take the
/// subject from elsewhere must fail loudly, never hand a device a certificate for someone else.
/// </summary>
public static class IssuedCertificateGuard
{
    /// <summary>Throws <see cref="InvalidOperationException"/> naming <paramref name="reference"/> when the certificate does not match.</summary>
    public static void ThrowIfNotFor(CertificateProfile profile, X509Certificate2 certificate, string reference)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(certificate);
        if (!PublicKeyNormalizer.TryNormalize(certificate.PublicKey.ExportSubjectPublicKeyInfo(), out var key, out _)
            || !PublicKeyComparer.FixedTimeEquals(key.SpkiDer, profile.SubjectPublicKey))
        {
            throw new InvalidOperationException($"The CA issued {reference} for a different public key than the device's CSR.");
        }

        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.Equals(commonName, profile.DeviceId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The CA issued {reference} for '{commonName}', not for device '{profile.DeviceId}'.");
        }
    }
}
