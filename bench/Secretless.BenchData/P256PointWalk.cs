using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace Secretless.BenchData;

/// <summary>
/// Distinct valid P-256 public keys without a key generation per key (about 150 µs each through
/// .NET/OpenSSL, far too slow for a million manifest lines): starts from a few real random keys
/// Q_k and walks Q_k + G, Q_k + 2G, …, with one modular inverse per step shared by all walks
/// (Montgomery's batch inversion). Only for filler manifest lines: nobody needs their private keys.
/// </summary>
internal static class P256PointWalk
{
    private static readonly BigInteger P = Parse("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
    private static readonly BigInteger B = Parse("5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B");
    private static readonly BigInteger Gx = Parse("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296");
    private static readonly BigInteger Gy = Parse("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5");

    /// <summary>SubjectPublicKeyInfo DER of an uncompressed P-256 point, up to the 64 coordinate bytes.</summary>
    private static readonly byte[] SpkiPrefix = Convert.FromHexString("3059301306072A8648CE3D020106082A8648CE3D030107034200");

    /// <summary><paramref name="count"/> SPKI DER public keys from <paramref name="walks"/> random starting keys.</summary>
    public static List<byte[]> Generate(int count, int walks)
    {
        walks = Math.Clamp(walks, 1, Math.Max(1, count));
        var xs = new BigInteger[walks];
        var ys = new BigInteger[walks];
        for (var walk = 0; walk < walks; walk++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var point = key.ExportParameters(includePrivateParameters: false).Q;
            xs[walk] = new BigInteger(point.X, isUnsigned: true, isBigEndian: true);
            ys[walk] = new BigInteger(point.Y, isUnsigned: true, isBigEndian: true);
        }

        var keys = new List<byte[]>(count);
        var prefix = new BigInteger[walks];
        while (keys.Count < count)
        {
            for (var walk = 0; walk < walks && keys.Count < count; walk++)
            {
                keys.Add(Encode(xs[walk], ys[walk]));
            }

            AddGeneratorToAll(xs, ys, prefix);
        }

        return keys;
    }

    /// <summary>True when (x, y) of the SPKI is on the curve: y² = x³ − 3x + b (mod p).</summary>
    public static bool IsOnCurve(byte[] spki)
    {
        var x = new BigInteger(spki.AsSpan(SpkiPrefix.Length + 1, 32), isUnsigned: true, isBigEndian: true);
        var y = new BigInteger(spki.AsSpan(SpkiPrefix.Length + 33, 32), isUnsigned: true, isBigEndian: true);
        return Mod((y * y) - (x * x * x) + (3 * x) - B) == 0;
    }

    /// <summary>Affine Q + G for every walk: λ = (Gy − y) / (Gx − x), all inverses from one.</summary>
    private static void AddGeneratorToAll(BigInteger[] xs, BigInteger[] ys, BigInteger[] prefix)
    {
        // prefix[i] = Π_{j≤i} (Gx − x_j); one inverse of the product, then peel off one factor per walk.
        var product = BigInteger.One;
        for (var walk = 0; walk < xs.Length; walk++)
        {
            product = Mod(product * (Gx - xs[walk]));
            prefix[walk] = product;
        }

        var inverse = BigInteger.ModPow(product, P - 2, P);
        for (var walk = xs.Length - 1; walk >= 0; walk--)
        {
            var denominatorInverse = walk == 0 ? inverse : Mod(inverse * prefix[walk - 1]);
            inverse = Mod(inverse * (Gx - xs[walk]));
            var lambda = Mod((Gy - ys[walk]) * denominatorInverse);
            var x = Mod((lambda * lambda) - xs[walk] - Gx);
            ys[walk] = Mod((lambda * (xs[walk] - x)) - ys[walk]);
            xs[walk] = x;
        }
    }

    private static byte[] Encode(BigInteger x, BigInteger y)
    {
        var spki = new byte[SpkiPrefix.Length + 65];
        SpkiPrefix.CopyTo(spki, 0);
        spki[SpkiPrefix.Length] = 0x04;
        WriteCoordinate(x, spki.AsSpan(SpkiPrefix.Length + 1, 32));
        WriteCoordinate(y, spki.AsSpan(SpkiPrefix.Length + 33, 32));
        return spki;
    }

    private static void WriteCoordinate(BigInteger value, Span<byte> destination)
    {
        var length = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(destination[(32 - length)..], out _, isUnsigned: true, isBigEndian: true);
    }

    private static BigInteger Mod(BigInteger value)
    {
        var remainder = value % P;
        return remainder.Sign < 0 ? remainder + P : remainder;
    }

    private static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
