using System.Diagnostics.CodeAnalysis;
using Secretless.Core.Devices;
using Secretless.Core.Errors;
using Secretless.Core.Keys;

namespace Secretless.Core.Csr;

/// <summary>
/// Decides whether a CSR is acceptable, in a fixed order so the answer is predictable:
/// decode the header → parse PKCS#10 → exactly one valid CN → allowed key algorithm →
/// allowed signature algorithm → signature verifies (proof of possession).
/// Malformed input of any kind is a 400/403 refusal, never an exception.
/// </summary>
public static class CsrInspector
{
    /// <summary>Inspects the <c>device-csr</c> header value (base64 of PEM text or of DER).</summary>
    public static CsrInspection Inspect(string? deviceCsrHeader) =>
        TryRead(deviceCsrHeader, out var csr, out var error) ? Verify(csr) : CsrInspection.Refused(error);

    /// <summary>Inspects a DER-encoded CSR.</summary>
    public static CsrInspection Inspect(ReadOnlySpan<byte> der)
    {
        if (der.IsEmpty)
        {
            return CsrInspection.Refused(ProvisioningErrors.CsrMissing());
        }

        return TryReadDer(der.ToArray(), out var csr, out var error) ? Verify(csr) : CsrInspection.Refused(error);
    }

    /// <summary>
    /// Every check of <see cref="Inspect(string?)"/> except the signature, which the caller must
    /// verify (<see cref="CsrSignatureVerifier"/>) before trusting the CSR.
    /// </summary>
    internal static bool TryRead(
        string? deviceCsrHeader,
        [NotNullWhen(true)] out UnverifiedCsr? csr,
        [NotNullWhen(false)] out ProvisioningError? error)
    {
        if (!CsrHeaderDecoder.TryDecode(deviceCsrHeader, out var der, out error))
        {
            csr = null;
            return false;
        }

        return TryReadDer(der, out csr, out error);
    }

    private static CsrInspection Verify(UnverifiedCsr csr)
    {
        var signatureError = CsrSignatureVerifier.VerifyWithOwnKey(csr);
        return signatureError is null ? CsrInspection.Accepted(csr.Accept()) : CsrInspection.Refused(signatureError);
    }

    private static bool TryReadDer(
        byte[] der,
        [NotNullWhen(true)] out UnverifiedCsr? csr,
        [NotNullWhen(false)] out ProvisioningError? error)
    {
        csr = null;
        ParsedCsr parsed;
        try
        {
            parsed = Pkcs10Parser.Parse(der);
        }
        catch (Exception ex) when (MalformedEncoding.Explains(ex))
        {
            error = ProvisioningErrors.CsrMalformed("The CSR is not a DER-encoded PKCS#10 certification request.");
            return false;
        }

        switch (parsed.CommonNames.Count)
        {
            case 0:
                error = ProvisioningErrors.DeviceIdMissing();
                return false;
            case > 1:
                error = ProvisioningErrors.DeviceIdAmbiguous(parsed.CommonNames.Count);
                return false;
        }

        var deviceId = parsed.CommonNames[0];
        if (deviceId is null)
        {
            error = ProvisioningErrors.DeviceIdInvalid("The CSR's common name is not a character string.");
            return false;
        }

        if (!DeviceIdRules.TryValidate(deviceId, out error))
        {
            return false;
        }

        if (!PublicKeyNormalizer.TryNormalize(parsed.SubjectPublicKeyInfo.Span, out var key, out error))
        {
            return false;
        }

        if (!TryResolveScheme(parsed, key, out var scheme, out error))
        {
            return false;
        }

        csr = new UnverifiedCsr(der, parsed, deviceId, key, scheme);
        return true;
    }

    private static bool TryResolveScheme(
        ParsedCsr parsed,
        NormalizedPublicKey key,
        [NotNullWhen(true)] out SignatureScheme? scheme,
        [NotNullWhen(false)] out ProvisioningError? error)
    {
        try
        {
            if (!SignatureSchemes.TryResolve(parsed.SignatureAlgorithm, parsed.SignatureAlgorithmParameters, out scheme, out error))
            {
                return false;
            }
        }
        catch (Exception ex) when (MalformedEncoding.Explains(ex))
        {
            scheme = null;
            error = ProvisioningErrors.CsrMalformed("The CSR's signature algorithm parameters are malformed.");
            return false;
        }

        if (!scheme.Fits(key.Algorithm))
        {
            // An ECDSA signature cannot come from an RSA key (or the other way round).
            scheme = null;
            error = ProvisioningErrors.CsrSignatureInvalid();
            return false;
        }

        return true;
    }
}
