using System.Formats.Asn1;

namespace Secretless.Local.Issuance;

/// <summary>
/// A certificate chain stored as one BLOB: the DER certificates back to back. DER values carry
/// their own length, so the BLOB splits without a separate framing format.
/// </summary>
internal static class ConcatenatedDer
{
    public static byte[] Join(IReadOnlyList<byte[]> certificates)
    {
        var joined = new byte[certificates.Sum(der => der.Length)];
        var offset = 0;
        foreach (var der in certificates)
        {
            der.CopyTo(joined, offset);
            offset += der.Length;
        }

        return joined;
    }

    public static IReadOnlyList<byte[]> Split(ReadOnlySpan<byte> joined)
    {
        var certificates = new List<byte[]>(2);
        while (!joined.IsEmpty)
        {
            AsnDecoder.ReadEncodedValue(joined, AsnEncodingRules.DER, out _, out _, out var length);
            certificates.Add(joined[..length].ToArray());
            joined = joined[length..];
        }

        return certificates;
    }
}
