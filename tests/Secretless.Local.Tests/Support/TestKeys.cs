using System.Security.Cryptography;
using Secretless.Core.Devices;
using Secretless.Core.Keys;

namespace Secretless.Local.Tests.Support;

/// <summary>Public keys (SPKI DER) for directory tests, where only the bytes matter.</summary>
internal static class TestKeys
{
    private static readonly Lazy<byte[][]> Pool = new(() => Enumerable.Range(0, 8).Select(_ => NewP256()).ToArray());

    public static byte[] NewP256()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportSubjectPublicKeyInfo();
    }

    /// <summary>One of a few fixed keys, chosen by index (devices may share keys in directory tests).</summary>
    public static byte[] Pooled(int index) => Pool.Value[index % Pool.Value.Length];

    /// <summary>Entries dev-000000 … with line numbers from 1.</summary>
    public static List<DeviceImportEntry> Entries(int count, string prefix = "dev-", int keyOffset = 0)
        => Enumerable.Range(0, count)
            .Select(i => new DeviceImportEntry(i + 1, $"{prefix}{i:D6}", Pooled(i + keyOffset), KeyAlgorithm.EcdsaP256))
            .ToList();
}
