using System.Numerics;

namespace Secretless.Core.Keys;

/// <summary>
/// Short-Weierstrass prime curve y² = x³ − 3x + b (mod p) for the NIST curves the service
/// accepts. Used to check points and to decompress compressed points without an OpenSSL call,
/// which keeps bulk key import fast.
/// </summary>
internal sealed class PrimeCurve
{
    public static readonly PrimeCurve P256 = new(
        ObjectIdentifiers.CurveP256,
        KeyAlgorithm.EcdsaP256,
        32,
        "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");

    public static readonly PrimeCurve P384 = new(
        ObjectIdentifiers.CurveP384,
        KeyAlgorithm.EcdsaP384,
        48,
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
        "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef");

    private readonly BigInteger _p;
    private readonly BigInteger _b;
    private readonly BigInteger _sqrtExponent;

    private PrimeCurve(string oid, KeyAlgorithm algorithm, int fieldSize, string pHex, string bHex)
    {
        Oid = oid;
        Algorithm = algorithm;
        FieldSize = fieldSize;
        _p = Parse(pHex);
        _b = Parse(bHex);

        // p ≡ 3 (mod 4) for both curves, so a square root of v is v^((p+1)/4).
        _sqrtExponent = (_p + 1) / 4;
    }

    public string Oid { get; }

    public KeyAlgorithm Algorithm { get; }

    public int FieldSize { get; }

    public static PrimeCurve? FromOid(string oid) => oid switch
    {
        ObjectIdentifiers.CurveP256 => P256,
        ObjectIdentifiers.CurveP384 => P384,
        _ => null,
    };

    /// <summary>True when (x, y) are field elements and satisfy the curve equation.</summary>
    public bool IsOnCurve(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var bx = ToInteger(x);
        var by = ToInteger(y);
        if (bx >= _p || by >= _p)
        {
            return false;
        }

        return BigInteger.Remainder(by * by, _p) == RightHandSide(bx);
    }

    /// <summary>Computes y for x and the parity bit of a compressed point; false when x is not on the curve.</summary>
    public bool TryDecompress(ReadOnlySpan<byte> x, bool yIsOdd, Span<byte> yOut)
    {
        var bx = ToInteger(x);
        if (bx >= _p)
        {
            return false;
        }

        var rhs = RightHandSide(bx);
        var y = BigInteger.ModPow(rhs, _sqrtExponent, _p);
        if (BigInteger.Remainder(y * y, _p) != rhs)
        {
            return false;
        }

        if (y.IsEven == yIsOdd)
        {
            if (y.IsZero)
            {
                return false;
            }

            y = _p - y;
        }

        yOut.Clear();
        var length = y.GetByteCount(isUnsigned: true);
        return y.TryWriteBytes(yOut[(FieldSize - length)..], out _, isUnsigned: true, isBigEndian: true);
    }

    private static BigInteger ToInteger(ReadOnlySpan<byte> bigEndian) =>
        new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static BigInteger Parse(string hex) => ToInteger(Convert.FromHexString(hex));

    private BigInteger RightHandSide(BigInteger x)
    {
        // Horner form keeps intermediates at two field elements wide: ((x² − 3)·x + b) mod p.
        var value = ((((x * x) % _p) - 3) * x + _b) % _p;
        return value.Sign < 0 ? value + _p : value;
    }
}
