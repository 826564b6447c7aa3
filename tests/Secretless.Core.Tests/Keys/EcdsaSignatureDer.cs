using System.Formats.Asn1;
using System.Numerics;
using Secretless.Core.Keys;

namespace Secretless.Core.Tests.Keys;

/// <summary>Reads and writes ECDSA-Sig-Value (RFC 3279: SEQUENCE { r INTEGER, s INTEGER }) to build well- and ill-formed signatures.</summary>
internal static class EcdsaSignatureDer
{
    private static readonly BigInteger P256Order = Parse("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    private static readonly BigInteger P384Order = Parse(
        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973");

    public static BigInteger Order(KeyAlgorithm algorithm) =>
        algorithm == KeyAlgorithm.EcdsaP256 ? P256Order : P384Order;

    public static (BigInteger R, BigInteger S) Decode(byte[] der)
    {
        var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        return (sequence.ReadInteger(), sequence.ReadInteger());
    }

    /// <summary>Minimal DER for any integers, negative and zero included (two's complement, as DER says).</summary>
    public static byte[] Encode(BigInteger r, BigInteger s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }

    /// <summary>A SEQUENCE of raw TLVs, for encodings AsnWriter refuses to make.</summary>
    public static byte[] Sequence(params byte[][] elements)
    {
        var content = elements.SelectMany(e => e).ToArray();
        return [0x30, (byte)content.Length, .. content];
    }

    /// <summary>INTEGER TLV with exactly <paramref name="content"/> (no minimality fixed up).</summary>
    public static byte[] Integer(byte[] content) => [0x02, (byte)content.Length, .. content];

    /// <summary>The minimal two's-complement big-endian content of a non-negative integer.</summary>
    public static byte[] Content(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    /// <summary>IEEE P1363 form: r ‖ s, each left-padded to the field size.</summary>
    public static byte[] P1363(BigInteger r, BigInteger s, int fieldSize)
    {
        var output = new byte[2 * fieldSize];
        r.TryWriteBytes(output.AsSpan(fieldSize - r.GetByteCount(isUnsigned: true), r.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        s.TryWriteBytes(output.AsSpan((2 * fieldSize) - s.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return output;
    }

    private static BigInteger Parse(string hex) => new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);
}
