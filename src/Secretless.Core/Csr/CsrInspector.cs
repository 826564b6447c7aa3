using System.Formats.Asn1;
using System.Security.Cryptography;
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
    public static CsrInspection Inspect(string? deviceCsrHeader)
    {
        if (!CsrHeaderDecoder.TryDecode(deviceCsrHeader, out var der, out var error))
        {
            return CsrInspection.Refused(error);
        }

        return InspectDer(der);
    }

    /// <summary>Inspects a DER-encoded CSR.</summary>
    public static CsrInspection Inspect(ReadOnlySpan<byte> der)
    {
        if (der.IsEmpty)
        {
            return CsrInspection.Refused(ProvisioningErrors.CsrMissing());
        }

        return InspectDer(der.ToArray());
    }

    private static CsrInspection InspectDer(byte[] der)
    {
        ParsedCsr parsed;
        try
        {
            parsed = Pkcs10Parser.Parse(der);
        }
        catch (Exception ex) when (IsMalformedInput(ex))
        {
            return CsrInspection.Refused(ProvisioningErrors.CsrMalformed(
                "The CSR is not a DER-encoded PKCS#10 certification request."));
        }

        switch (parsed.CommonNames.Count)
        {
            case 0:
                return CsrInspection.Refused(ProvisioningErrors.DeviceIdMissing());
            case > 1:
                return CsrInspection.Refused(ProvisioningErrors.DeviceIdAmbiguous(parsed.CommonNames.Count));
        }

        var deviceId = parsed.CommonNames[0];
        if (deviceId is null)
        {
            return CsrInspection.Refused(ProvisioningErrors.DeviceIdInvalid("The CSR's common name is not a character string."));
        }

        if (!DeviceIdRules.TryValidate(deviceId, out var idError))
        {
            return CsrInspection.Refused(idError);
        }

        if (!PublicKeyNormalizer.TryNormalize(parsed.SubjectPublicKeyInfo, out var key, out var keyError))
        {
            return CsrInspection.Refused(keyError);
        }

        var signatureError = VerifySignature(parsed, key);
        if (signatureError is not null)
        {
            return CsrInspection.Refused(signatureError);
        }

        var sha256Hex = Convert.ToHexStringLower(SHA256.HashData(der));
        return CsrInspection.Accepted(new InspectedCsr(deviceId, key, sha256Hex, der));
    }

    private static ProvisioningError? VerifySignature(ParsedCsr parsed, NormalizedPublicKey key)
    {
        SignatureScheme? scheme;
        ProvisioningError? error;
        try
        {
            if (!SignatureSchemes.TryResolve(parsed.SignatureAlgorithm, parsed.SignatureAlgorithmParameters, out scheme, out error))
            {
                return error;
            }
        }
        catch (Exception ex) when (IsMalformedInput(ex))
        {
            return ProvisioningErrors.CsrMalformed("The CSR's signature algorithm parameters are malformed.");
        }

        if (!scheme.Fits(key.Algorithm))
        {
            // An ECDSA signature cannot come from an RSA key (or the other way round).
            return ProvisioningErrors.CsrSignatureInvalid();
        }

        try
        {
            var valid = scheme.IsEcdsa
                ? VerifyEcdsa(parsed, key, scheme)
                : VerifyRsa(parsed, key, scheme);
            return valid ? null : ProvisioningErrors.CsrSignatureInvalid();
        }
        catch (Exception ex) when (IsMalformedInput(ex))
        {
            return ProvisioningErrors.CsrSignatureInvalid();
        }
    }

    private static bool VerifyEcdsa(ParsedCsr parsed, NormalizedPublicKey key, SignatureScheme scheme)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(key.SpkiDer, out _);
        return ecdsa.VerifyData(
            parsed.CertificationRequestInfo,
            parsed.Signature,
            scheme.Hash,
            DSASignatureFormat.Rfc3279DerSequence);
    }

    private static bool VerifyRsa(ParsedCsr parsed, NormalizedPublicKey key, SignatureScheme scheme)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.SpkiDer, out _);
        return rsa.VerifyData(parsed.CertificationRequestInfo, parsed.Signature, scheme.Hash, scheme.Padding!);
    }

    private static bool IsMalformedInput(Exception ex) =>
        ex is AsnContentException or CryptographicException or FormatException or ArgumentException;
}
