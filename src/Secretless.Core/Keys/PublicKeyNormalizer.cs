using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;
using Secretless.Core.Errors;

namespace Secretless.Core.Keys;

/// <summary>
/// Turns any SubjectPublicKeyInfo into its canonical form, or refuses it: ECDSA P-256/P-384
/// (named curve, uncompressed point — compressed points are decompressed) and RSA of at least
/// 2048 bits (rsaEncryption, NULL parameters, minimal integers). Every other algorithm, curve,
/// explicit curve parameters and RSA below 2048 bits are 403 key-algorithm-not-allowed;
/// malformed encodings are 400 csr-malformed.
/// </summary>
public static class PublicKeyNormalizer
{
    public const int MinimumRsaBits = 2048;

    // Larger moduli only make verification slow (a denial-of-service lever), no device needs them.
    public const int MaximumRsaBits = 16384;

    // OpenSSL refuses public exponents above 64 bits for large moduli; refuse them up front so
    // such a key never reaches verification and fails with a misleading code.
    private const int MaximumRsaExponentBytes = 8;

    public static bool TryNormalize(
        ReadOnlySpan<byte> spkiDer,
        [NotNullWhen(true)] out NormalizedPublicKey? key,
        [NotNullWhen(false)] out ProvisioningError? error)
    {
        if (TryNormalizeCanonicalEc(spkiDer, PrimeCurve.P256, CanonicalP256Prefix, out key, out error)
            || TryNormalizeCanonicalEc(spkiDer, PrimeCurve.P384, CanonicalP384Prefix, out key, out error))
        {
            return key is not null;
        }

        try
        {
            var reader = new AsnReader(spkiDer.ToArray(), AsnEncodingRules.DER);
            var spki = reader.ReadSequence();
            reader.ThrowIfNotEmpty();

            var algorithmIdentifier = spki.ReadSequence();
            var algorithm = algorithmIdentifier.ReadObjectIdentifier();
            var keyBits = spki.ReadBitString(out var unusedBits);
            spki.ThrowIfNotEmpty();
            if (unusedBits != 0)
            {
                error = Malformed("its key BIT STRING has unused bits");
                return false;
            }

            return algorithm switch
            {
                ObjectIdentifiers.EcPublicKey => TryNormalizeEc(algorithmIdentifier, keyBits, out key, out error),
                ObjectIdentifiers.RsaEncryption => TryNormalizeRsa(algorithmIdentifier, keyBits, out key, out error),
                _ => Refuse(DescribeAlgorithm(algorithm), out error),
            };
        }
        catch (Exception ex) when (MalformedEncoding.Explains(ex))
        {
            error = Malformed("it is not DER-encoded SubjectPublicKeyInfo");
            return false;
        }
    }

    // SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve }, BIT STRING { 00 04 … } }: exactly what
    // OpenSSL, .NET and most device stacks write, byte for byte the canonical form.
    private static ReadOnlySpan<byte> CanonicalP256Prefix =>
    [
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,
        0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
    ];

    private static ReadOnlySpan<byte> CanonicalP384Prefix =>
    [
        0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,
        0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22, 0x03, 0x62, 0x00, 0x04,
    ];

    /// <summary>
    /// The request-path shortcut: an SPKI that already is the canonical uncompressed encoding
    /// needs no ASN.1 decode and re-encode, only the on-curve check. False (not handled) for
    /// anything else, which then takes the general path.
    /// </summary>
    private static bool TryNormalizeCanonicalEc(
        ReadOnlySpan<byte> spkiDer,
        PrimeCurve curve,
        ReadOnlySpan<byte> prefix,
        out NormalizedPublicKey? key,
        out ProvisioningError? error)
    {
        key = null;
        error = null;
        var size = curve.FieldSize;
        if (spkiDer.Length != prefix.Length + (2 * size) || !spkiDer.StartsWith(prefix))
        {
            return false;
        }

        var point = spkiDer[prefix.Length..];
        if (!curve.IsOnCurve(point[..size], point[size..]))
        {
            error = Malformed("its EC point is not on the curve");
            return true;
        }

        key = new NormalizedPublicKey(spkiDer.ToArray(), curve.Algorithm);
        return true;
    }

    private static bool TryNormalizeEc(
        AsnReader algorithmIdentifier,
        byte[] point,
        out NormalizedPublicKey? key,
        out ProvisioningError? error)
    {
        key = null;
        if (!algorithmIdentifier.HasData)
        {
            return Refuse("EC keys without named curve parameters", out error);
        }

        var parameterTag = algorithmIdentifier.PeekTag();
        if (!parameterTag.HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
        {
            // Explicit curve parameters can smuggle a weak curve that merely looks like P-256.
            return Refuse("EC keys with explicit curve parameters (only named curves P-256 and P-384 are allowed)", out error);
        }

        var curveOid = algorithmIdentifier.ReadObjectIdentifier();
        algorithmIdentifier.ThrowIfNotEmpty();
        var curve = PrimeCurve.FromOid(curveOid);
        if (curve is null)
        {
            return Refuse(curveOid == ObjectIdentifiers.CurveP521 ? "ECDSA P-521" : $"EC curve {curveOid}", out error);
        }

        var size = curve.FieldSize;
        var uncompressed = new byte[1 + (2 * size)];
        uncompressed[0] = 0x04;
        if (point.Length == uncompressed.Length && point[0] == 0x04)
        {
            if (!curve.IsOnCurve(point.AsSpan(1, size), point.AsSpan(1 + size, size)))
            {
                error = Malformed("its EC point is not on the curve");
                return false;
            }

            point.CopyTo(uncompressed, 0);
        }
        else if (point.Length == 1 + size && point[0] is 0x02 or 0x03)
        {
            point.AsSpan(1, size).CopyTo(uncompressed.AsSpan(1));
            if (!curve.TryDecompress(point.AsSpan(1, size), point[0] == 0x03, uncompressed.AsSpan(1 + size, size)))
            {
                error = Malformed("its compressed EC point is not on the curve");
                return false;
            }
        }
        else
        {
            error = Malformed("its EC point encoding is neither compressed nor uncompressed for the curve");
            return false;
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(ObjectIdentifiers.EcPublicKey);
                writer.WriteObjectIdentifier(curve.Oid);
            }

            writer.WriteBitString(uncompressed);
        }

        key = new NormalizedPublicKey(writer.Encode(), curve.Algorithm);
        error = null;
        return true;
    }

    private static bool TryNormalizeRsa(
        AsnReader algorithmIdentifier,
        byte[] keyBits,
        out NormalizedPublicKey? key,
        out ProvisioningError? error)
    {
        key = null;
        if (algorithmIdentifier.HasData)
        {
            algorithmIdentifier.ReadNull();
            algorithmIdentifier.ThrowIfNotEmpty();
        }

        var keyReader = new AsnReader(keyBits, AsnEncodingRules.DER);
        var rsaPublicKey = keyReader.ReadSequence();
        keyReader.ThrowIfNotEmpty();
        var modulus = rsaPublicKey.ReadIntegerBytes().Span;
        var exponent = rsaPublicKey.ReadIntegerBytes().Span;
        rsaPublicKey.ThrowIfNotEmpty();

        if (IsNegativeOrZero(modulus) || IsNegativeOrZero(exponent))
        {
            error = Malformed("its RSA modulus or exponent is not positive");
            return false;
        }

        var bits = BitLength(modulus);
        if (bits < MinimumRsaBits)
        {
            return Refuse($"RSA-{bits} (RSA keys need at least {MinimumRsaBits} bits)", out error);
        }

        if (bits > MaximumRsaBits)
        {
            return Refuse($"RSA-{bits} (RSA keys may have at most {MaximumRsaBits} bits)", out error);
        }

        var exponentBytes = exponent.TrimStart((byte)0);
        if ((exponent[^1] & 1) == 0 || (exponentBytes.Length == 1 && exponentBytes[0] < 3)
            || exponentBytes.Length > MaximumRsaExponentBytes)
        {
            return Refuse("RSA keys with a public exponent that is even, below 3 or above 64 bits", out error);
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(ObjectIdentifiers.RsaEncryption);
                writer.WriteNull();
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            using (inner.PushSequence())
            {
                inner.WriteInteger(modulus);
                inner.WriteInteger(exponent);
            }

            writer.WriteBitString(inner.Encode());
        }

        key = new NormalizedPublicKey(writer.Encode(), KeyAlgorithm.Rsa);
        error = null;
        return true;
    }

    private static bool IsNegativeOrZero(ReadOnlySpan<byte> integer) =>
        (integer[0] & 0x80) != 0 || integer.TrimStart((byte)0).IsEmpty;

    private static int BitLength(ReadOnlySpan<byte> positive)
    {
        var trimmed = positive.TrimStart((byte)0);
        return ((trimmed.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount(trimmed[0]));
    }

    private static string DescribeAlgorithm(string oid) => oid switch
    {
        ObjectIdentifiers.Ed25519 => "Ed25519",
        ObjectIdentifiers.Ed448 => "Ed448",
        ObjectIdentifiers.Dsa => "DSA",
        ObjectIdentifiers.RsaPss => "RSASSA-PSS-only keys",
        _ => $"key algorithm {oid}",
    };

    private static bool Refuse(string what, out ProvisioningError? error)
    {
        error = ProvisioningErrors.KeyAlgorithmNotAllowed(
            $"{what} is not allowed; devices must use ECDSA P-256, ECDSA P-384 or RSA with at least {MinimumRsaBits} bits.");
        return false;
    }

    private static ProvisioningError Malformed(string why) =>
        ProvisioningErrors.CsrMalformed($"The public key is malformed: {why}.");
}
