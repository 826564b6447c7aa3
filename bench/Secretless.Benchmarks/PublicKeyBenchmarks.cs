using System.Formats.Asn1;
using BenchmarkDotNet.Attributes;
using Secretless.Benchmarks.Support;
using Secretless.Core.Keys;

namespace Secretless.Benchmarks;

/// <summary>
/// Key handling on the request path: normalizing the CSR's SPKI (uncompressed, as .NET and OpenSSL
/// write it, and compressed, which some device stacks send) and the fixed-time comparison with
/// the registered key.
/// </summary>
[MemoryDiagnoser]
public class PublicKeyBenchmarks
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private byte[] _uncompressedSpki = null!;
    private byte[] _compressedSpki = null!;
    private byte[] _sameKey = null!;
    private byte[] _otherKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        var device = BenchDevices.CreateOne("key-bench-00000001");
        _uncompressedSpki = device.PublicKeySpki;
        _compressedSpki = Compress(_uncompressedSpki);
        _sameKey = (byte[])_uncompressedSpki.Clone();
        _otherKey = (byte[])_uncompressedSpki.Clone();
        _otherKey[^1] ^= 0x01; // differs in the last byte: the comparison cannot stop early

        if (!PublicKeyNormalizer.TryNormalize(_compressedSpki, out var key, out _) || !key.SpkiDer.AsSpan().SequenceEqual(_uncompressedSpki))
        {
            throw new InvalidOperationException("The compressed benchmark key does not normalize to the uncompressed one.");
        }
    }

    [Benchmark(Baseline = true)]
    public NormalizedPublicKey? NormalizeUncompressed()
    {
        PublicKeyNormalizer.TryNormalize(_uncompressedSpki, out var key, out _);
        return key;
    }

    [Benchmark]
    public NormalizedPublicKey? NormalizeCompressed()
    {
        PublicKeyNormalizer.TryNormalize(_compressedSpki, out var key, out _);
        return key;
    }

    [Benchmark]
    public bool CompareEqualKeys() => PublicKeyComparer.FixedTimeEquals(_uncompressedSpki, _sameKey);

    [Benchmark]
    public bool CompareDifferentKeys() => PublicKeyComparer.FixedTimeEquals(_uncompressedSpki, _otherKey);

    /// <summary>P-256 SPKI with the point as 0x02/0x03 ‖ X (SEC 1 compressed form).</summary>
    private static byte[] Compress(byte[] uncompressedSpki)
    {
        var reader = new AsnReader(uncompressedSpki, AsnEncodingRules.DER).ReadSequence();
        reader.ReadSequence();
        var point = reader.ReadBitString(out _);
        var compressed = new byte[33];
        compressed[0] = (byte)((point[64] & 1) == 0 ? 0x02 : 0x03);
        point.AsSpan(1, 32).CopyTo(compressed.AsSpan(1));

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(EcPublicKeyOid);
                writer.WriteObjectIdentifier(P256Oid);
            }

            writer.WriteBitString(compressed);
        }

        return writer.Encode();
    }
}
