using System.Security.Cryptography;

namespace Secretless.Local.Pki;

/// <summary>Random positive serial numbers for the certificates the PKI makes for itself.</summary>
internal static class SerialNumbers
{
    /// <summary>16 random bytes with the top bit clear (positive) and a non-zero first byte (minimal DER).</summary>
    public static byte[] NewRandom()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
