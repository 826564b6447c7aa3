using System.Security.Cryptography;
using Secretless.Core.Devices;
using Secretless.Core.Keys;

namespace Secretless.Aws.Tests.DynamoDb;

/// <summary>P-256 public keys (SPKI DER, already in normalized form) for bulk directory tests.</summary>
internal static class DynamoDbTestKeys
{
    private static readonly Lazy<byte[][]> Pool = new(() => Enumerable.Range(0, 8).Select(_ => NewP256()).ToArray());

    public static byte[] NewP256()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportSubjectPublicKeyInfo();
    }

    /// <summary>Entries dev-000000 … with line numbers from 1; keys come from a small pool.</summary>
    public static List<DeviceImportEntry> Entries(int count, string prefix = "dev-") =>
        [.. Enumerable.Range(0, count)
            .Select(i => new DeviceImportEntry(i + 1, $"{prefix}{i:D6}", Pool.Value[i % Pool.Value.Length], KeyAlgorithm.EcdsaP256))];
}
