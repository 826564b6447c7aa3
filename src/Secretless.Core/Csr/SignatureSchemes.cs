using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;
using Secretless.Core.Errors;
using Secretless.Core.Keys;

namespace Secretless.Core.Csr;

/// <summary>
/// Maps a CSR's signatureAlgorithm to an allowed scheme: ECDSA with SHA-256/384/512,
/// PKCS#1 v1.5 RSA with SHA-256/384/512, and RSASSA-PSS with SHA-256/384/512, MGF1 of the same
/// hash and a salt as long as the hash (the only PSS form .NET verifies). SHA-1, MD5, MD2 and
/// anything unknown are 403 signature-algorithm-not-allowed.
/// </summary>
internal static class SignatureSchemes
{
    private static readonly Asn1Tag HashTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag MaskTag = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag SaltTag = new(TagClass.ContextSpecific, 2, isConstructed: true);
    private static readonly Asn1Tag TrailerTag = new(TagClass.ContextSpecific, 3, isConstructed: true);

    public static bool TryResolve(
        string oid,
        byte[]? parameters,
        [NotNullWhen(true)] out SignatureScheme? scheme,
        [NotNullWhen(false)] out ProvisioningError? error)
    {
        scheme = oid switch
        {
            ObjectIdentifiers.EcdsaWithSha256 => new(true, HashAlgorithmName.SHA256, null),
            ObjectIdentifiers.EcdsaWithSha384 => new(true, HashAlgorithmName.SHA384, null),
            ObjectIdentifiers.EcdsaWithSha512 => new(true, HashAlgorithmName.SHA512, null),
            ObjectIdentifiers.Sha256WithRsa => new(false, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ObjectIdentifiers.Sha384WithRsa => new(false, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            ObjectIdentifiers.Sha512WithRsa => new(false, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            _ => null,
        };

        if (scheme is not null)
        {
            // ECDSA has absent parameters, PKCS#1 has NULL; tolerate either, refuse anything else.
            if (parameters is not null && !IsDerNull(parameters))
            {
                error = ProvisioningErrors.CsrMalformed("The CSR's signature algorithm has unexpected parameters.");
                scheme = null;
                return false;
            }

            error = null;
            return true;
        }

        if (oid == ObjectIdentifiers.RsaPss)
        {
            return TryResolvePss(parameters, out scheme, out error);
        }

        error = ProvisioningErrors.SignatureAlgorithmNotAllowed(
            $"The CSR is signed with {Describe(oid)}; allowed are ECDSA or RSA (PKCS#1 v1.5 or PSS) with SHA-256, SHA-384 or SHA-512.");
        return false;
    }

    private static bool TryResolvePss(byte[]? parameters, out SignatureScheme? scheme, out ProvisioningError? error)
    {
        scheme = null;
        if (parameters is null)
        {
            error = ProvisioningErrors.CsrMalformed("The CSR's RSASSA-PSS signature algorithm has no parameters.");
            return false;
        }

        var sequence = new AsnReader(parameters, AsnEncodingRules.DER).ReadSequence();
        var hashOid = ObjectIdentifiers.Sha1;
        var maskHashOid = ObjectIdentifiers.Sha1;
        var saltLength = 20;
        var trailer = 1;

        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(HashTag))
        {
            hashOid = ReadHashAlgorithm(sequence.ReadSequence(HashTag));
        }

        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(MaskTag))
        {
            var mask = sequence.ReadSequence(MaskTag).ReadSequence();
            if (mask.ReadObjectIdentifier() != ObjectIdentifiers.Mgf1)
            {
                return NotAllowed("RSASSA-PSS with a mask generation function other than MGF1", out error);
            }

            maskHashOid = ReadHashAlgorithm(mask);
        }

        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(SaltTag))
        {
            var salt = sequence.ReadSequence(SaltTag);
            if (!salt.TryReadInt32(out saltLength))
            {
                throw new AsnContentException("The RSASSA-PSS salt length is out of range.");
            }
        }

        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(TrailerTag))
        {
            var trailerReader = sequence.ReadSequence(TrailerTag);
            if (!trailerReader.TryReadInt32(out trailer))
            {
                throw new AsnContentException("The RSASSA-PSS trailer field is out of range.");
            }
        }

        sequence.ThrowIfNotEmpty();

        (HashAlgorithmName hash, int length)? resolved = hashOid switch
        {
            ObjectIdentifiers.Sha256 => (HashAlgorithmName.SHA256, 32),
            ObjectIdentifiers.Sha384 => (HashAlgorithmName.SHA384, 48),
            ObjectIdentifiers.Sha512 => (HashAlgorithmName.SHA512, 64),
            _ => null,
        };

        if (resolved is null)
        {
            return NotAllowed($"RSASSA-PSS with {Describe(hashOid)}", out error);
        }

        if (maskHashOid != hashOid || saltLength != resolved.Value.length || trailer != 1)
        {
            return NotAllowed(
                "RSASSA-PSS whose MGF1 hash or salt length differs from the message hash (use -sigopt rsa_pss_saltlen:digest)",
                out error);
        }

        scheme = new SignatureScheme(false, resolved.Value.hash, RSASignaturePadding.Pss);
        error = null;
        return true;
    }

    private static string ReadHashAlgorithm(AsnReader reader)
    {
        var algorithm = reader.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        if (algorithm.HasData)
        {
            algorithm.ReadNull();
        }

        algorithm.ThrowIfNotEmpty();
        reader.ThrowIfNotEmpty();
        return oid;
    }

    private static bool IsDerNull(byte[] encoded) => encoded is [0x05, 0x00];

    private static bool NotAllowed(string what, out ProvisioningError? error)
    {
        error = ProvisioningErrors.SignatureAlgorithmNotAllowed(
            $"The CSR is signed with {what}; allowed are ECDSA or RSA (PKCS#1 v1.5 or PSS) with SHA-256, SHA-384 or SHA-512.");
        return false;
    }

    private static string Describe(string oid) => oid switch
    {
        ObjectIdentifiers.Sha1WithRsa => "SHA-1 with RSA",
        ObjectIdentifiers.Md5WithRsa => "MD5 with RSA",
        ObjectIdentifiers.Md2WithRsa => "MD2 with RSA",
        ObjectIdentifiers.EcdsaWithSha1 => "ECDSA with SHA-1",
        ObjectIdentifiers.Sha1 => "SHA-1",
        ObjectIdentifiers.Ed25519 => "Ed25519",
        ObjectIdentifiers.Ed448 => "Ed448",
        _ => $"algorithm {oid}",
    };
}
