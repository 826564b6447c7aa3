using System.Security.Cryptography;

namespace Secretless.Core.Keys;

/// <summary>Compares normalized SPKI DER in constant time (no timing hint about the registered key).</summary>
public static class PublicKeyComparer
{
    public static bool FixedTimeEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        CryptographicOperations.FixedTimeEquals(a, b);
}
