using System.Formats.Asn1;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Secretless.Core.Keys;

/// <summary>
/// ECDSA P-256/P-384 public keys straight on libcrypto, for the verification of first-time devices.
/// .NET's <c>ImportSubjectPublicKeyInfo</c> on OpenSSL 3.0 ends in <c>EC_KEY_check_key</c>, whose
/// order check (n·Q = O, a full scalar multiplication) costs as much as the signature check and
/// proves nothing on these curves: their cofactor is 1, so every point on the curve is in the
/// group. Here the key is decoded with <c>o2i_ECPublicKey</c> (EC_POINT_oct2point refuses
/// coordinates ≥ p and points off the curve) and checked with <c>ECDSA_verify</c>, which also
/// avoids .NET's DER → P1363 → DER round trip and the provider (EVP) layer. ECDSA_verify parses
/// the signature, re-encodes it and refuses it unless the bytes are identical (strict DER, no
/// trailing data), and refuses r or s outside [1, n−1]. Each key gets a copy of a curve group built
/// once per process (building one per key was most of the remaining import cost).
/// Off switch: the AppContext switch <c>Secretless.Core.Keys.DisableNativeEcdsa</c> (runtimeconfig
/// or <c>AppContext.SetSwitch</c> before the first key import).
/// </summary>
internal static unsafe class OpenSslEcdsa
{
    public const string DisableSwitchName = "Secretless.Core.Keys.DisableNativeEcdsa";

    // What a normalized SPKI holds before the uncompressed point (PublicKeyNormalizer writes exactly this).
    private static readonly byte[] P256Header = SpkiHeader(ObjectIdentifiers.CurveP256, 32);
    private static readonly byte[] P384Header = SpkiHeader(ObjectIdentifiers.CurveP384, 48);

    private static readonly OpenSslLibcrypto? Library =
        AppContext.TryGetSwitch(DisableSwitchName, out var disabled) && disabled ? null : OpenSslLibcrypto.TryLoad();

    /// <summary>True when keys can take the native path on this host (see <see cref="OpenSslLibcrypto.TryLoad"/>).</summary>
    public static bool IsAvailable => Library is not null;

    /// <summary>
    /// The native key for a normalized P-256/P-384 SPKI; null when the path is unavailable or the
    /// input is not the normalized form (the caller then imports with .NET, which decides).
    /// Throws <see cref="CryptographicException"/> when OpenSSL refuses the point, as .NET does.
    /// </summary>
    public static OpenSslEcKeyHandle? TryImport(KeyAlgorithm algorithm, ReadOnlySpan<byte> spkiDer)
    {
        var library = Library;
        var (header, fieldSize) = algorithm switch
        {
            KeyAlgorithm.EcdsaP256 => (P256Header, 32),
            KeyAlgorithm.EcdsaP384 => (P384Header, 48),
            _ => (null, 0),
        };

        if (library is null
            || header is null
            || spkiDer.Length != header.Length + 1 + (2 * fieldSize)
            || !spkiDer.StartsWith(header)
            || spkiDer[header.Length] != 0x04)
        {
            return null;
        }

        var point = spkiDer[header.Length..];
        var group = algorithm == KeyAlgorithm.EcdsaP256 ? library.P256Group : library.P384Group;
        var ecKey = library.NewEcKey();
        if (ecKey == 0 || library.SetEcKeyGroup(ecKey, group) != 1)
        {
            if (ecKey != 0)
            {
                library.FreeEcKey(ecKey);
            }

            library.ClearErrors();
            throw new CryptographicException("OpenSSL could not create an EC key for the curve.");
        }

        fixed (byte* start = point)
        {
            var cursor = start;
            var target = ecKey;
            if (library.DecodeEcPublicKey(&target, &cursor, new CLong(point.Length)) == 0 || cursor != start + point.Length)
            {
                library.FreeEcKey(ecKey);
                library.ClearErrors();
                throw new CryptographicException("The public key is not a point on the curve.");
            }
        }

        return new OpenSslEcKeyHandle(library, ecKey);
    }

    /// <summary>
    /// Checks a DER ECDSA signature over <paramref name="digest"/>. Anything but a valid signature is
    /// false, malformed ones included (ECDSA_verify's −1), and the thread's OpenSSL error queue is left
    /// empty so .NET's next call on this thread does not read a stale error.
    /// </summary>
    public static bool Verify(OpenSslEcKeyHandle key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        var library = key.Library;
        if (signature.IsEmpty || digest.IsEmpty)
        {
            return false;
        }

        var added = false;
        try
        {
            key.DangerousAddRef(ref added);
            int result;
            fixed (byte* digestStart = digest)
            fixed (byte* signatureStart = signature)
            {
                // The type argument is ignored by OpenSSL.
                result = library.VerifyEcdsa(0, digestStart, digest.Length, signatureStart, signature.Length, key.DangerousGetHandle());
            }

            if (result == 1)
            {
                return true;
            }

            library.ClearErrors();
            return false;
        }
        finally
        {
            if (added)
            {
                key.DangerousRelease();
            }
        }
    }

    /// <summary>The first error code queued on this thread, 0 when none (for tests: refusals must leave the queue empty).</summary>
    internal static ulong PeekThreadError() => Library is { } library ? library.PeekError().Value : 0;

    /// <summary>SEQUENCE { SEQUENCE { id-ecPublicKey, curve }, BIT STRING (0 unused bits) } up to the point's first byte.</summary>
    private static byte[] SpkiHeader(string curveOid, int fieldSize)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(ObjectIdentifiers.EcPublicKey);
                writer.WriteObjectIdentifier(curveOid);
            }

            writer.WriteBitString(new byte[1 + (2 * fieldSize)]);
        }

        var spki = writer.Encode();
        return spki[..^(1 + (2 * fieldSize))];
    }
}
