using Secretless.Core.Errors;
using Secretless.Core.Keys;

namespace Secretless.Core.Csr;

/// <summary>
/// Proof of possession: the CSR's signature over its CertificationRequestInfo, checked with the
/// CSR's own key (a fresh import) or with a key already imported for the same bytes.
/// </summary>
internal static class CsrSignatureVerifier
{
    /// <summary>Null when the signature verifies with the CSR's own key, else 403 csr-signature-invalid.</summary>
    public static ProvisioningError? VerifyWithOwnKey(UnverifiedCsr csr)
    {
        ArgumentNullException.ThrowIfNull(csr);
        try
        {
            using var key = VerificationKey.Import(csr.PublicKey);
            return Verify(csr, key, out _);
        }
        catch (Exception ex) when (MalformedEncoding.Explains(ex))
        {
            return ProvisioningErrors.CsrSignatureInvalid();
        }
    }

    /// <summary>
    /// Verifies with the cached import of the registered key. The caller vouches that the CSR's
    /// key is the registered key (compared equal as normalized DER), so the CSR's key bytes name
    /// the cache entry. Falls back to a fresh import when the cached key was evicted meanwhile.
    /// </summary>
    public static ProvisioningError? VerifyWithRegisteredKey(UnverifiedCsr csr, RegisteredKeyCache registeredKeys)
    {
        ArgumentNullException.ThrowIfNull(csr);
        ArgumentNullException.ThrowIfNull(registeredKeys);
        try
        {
            var key = registeredKeys.GetOrImport(csr.PublicKey);
            var error = Verify(csr, key, out var used);
            return used ? error : VerifyWithOwnKey(csr);
        }
        catch (Exception ex) when (MalformedEncoding.Explains(ex))
        {
            return ProvisioningErrors.CsrSignatureInvalid();
        }
    }

    private static ProvisioningError? Verify(UnverifiedCsr csr, VerificationKey key, out bool used)
    {
        var scheme = csr.Scheme;
        used = key.TryVerify(
            csr.Parsed.CertificationRequestInfo.Span,
            csr.Parsed.Signature.Span,
            scheme.Hash,
            scheme.Padding,
            out var valid);
        return valid ? null : ProvisioningErrors.CsrSignatureInvalid();
    }
}
