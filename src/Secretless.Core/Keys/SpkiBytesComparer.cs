namespace Secretless.Core.Keys;

/// <summary>
/// Compares SPKI DER by content, so a cache keyed by key bytes finds an entry for any array
/// holding the same key. Hashing uses <see cref="HashCode"/> (randomly seeded per process).
/// Equality here only picks a cache slot; the security decision (CSR key = registered key) is
/// made separately with <see cref="PublicKeyComparer.FixedTimeEquals"/>.
/// </summary>
internal sealed class SpkiBytesComparer : IEqualityComparer<byte[]>
{
    public static readonly SpkiBytesComparer Instance = new();

    private SpkiBytesComparer()
    {
    }

    public bool Equals(byte[]? x, byte[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
