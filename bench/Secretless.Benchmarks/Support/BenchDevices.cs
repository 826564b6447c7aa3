using System.Security.Cryptography;
using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Device;

namespace Secretless.Benchmarks.Support;

/// <summary>
/// Makes distinct P-256 devices the way a device makes its CSR (<see cref="DeviceCsrBuilder"/>),
/// in parallel, so benchmarks never measure key generation and never send the same CSR twice.
/// </summary>
public static class BenchDevices
{
    /// <summary>Creates <paramref name="count"/> devices named <c>{prefix}-{index:D8}</c>, starting at <paramref name="firstIndex"/>.</summary>
    public static BenchDevice[] Create(string prefix, int count, int firstIndex = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var devices = new BenchDevice[count];
        Parallel.For(0, count, i => devices[i] = CreateOne($"{prefix}-{firstIndex + i:D8}"));
        return devices;
    }

    public static BenchDevice CreateOne(string deviceId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csrDer = DeviceCsrBuilder.BuildDer(deviceId, key);
        var header = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(
            PemEncoding.WriteString("CERTIFICATE REQUEST", csrDer) + "\n"));
        return new BenchDevice(deviceId, Normalize(key.ExportSubjectPublicKeyInfo()), csrDer, header);
    }

    /// <summary>The manifest entries that register <paramref name="devices"/> (keys already normalized).</summary>
    public static DeviceImportEntry[] ImportEntries(IReadOnlyList<BenchDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var entries = new DeviceImportEntry[devices.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new DeviceImportEntry(i + 1, devices[i].DeviceId, devices[i].PublicKeySpki, KeyAlgorithm.EcdsaP256);
        }

        return entries;
    }

    private static byte[] Normalize(byte[] spki) =>
        PublicKeyNormalizer.TryNormalize(spki, out var key, out var error)
            ? key.SpkiDer
            : throw new InvalidOperationException($"A freshly generated P-256 key did not normalize: {error.Code}.");
}
