using System.Security.Cryptography;
using Secretless.Core.Keys;

namespace Secretless.Core.Tests.Keys;

/// <summary>
/// Malformed and out-of-range ECDSA signatures: the native path answers false (never true, never
/// an exception), exactly as .NET's path does, and leaves this thread's OpenSSL error queue empty
/// (checked before .NET's own call, which does leave EC_R_BAD_SIGNATURE queued for r or s out of range).
/// </summary>
public sealed class OpenSslEcdsaSignatureTests
{
    private static readonly byte[] Data = "certification request info"u8.ToArray();

    public static TheoryData<KeyAlgorithm, string> MalformedCases()
    {
        var cases = new TheoryData<KeyAlgorithm, string>();
        foreach (var algorithm in new[] { KeyAlgorithm.EcdsaP256, KeyAlgorithm.EcdsaP384 })
        {
            foreach (var name in new[]
            {
                "empty", "garbage", "trailing-byte", "truncated", "non-minimal-sequence-length", "indefinite-length",
                "non-minimal-r", "negative-r", "negative-s", "zero-r", "zero-s", "r-equals-n", "r-plus-n",
                "s-equals-n", "p1363", "wrong-outer-tag", "three-integers", "r-as-octet-string", "only-r",
            })
            {
                cases.Add(algorithm, name);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public void TryVerify_MalformedSignature_FalseOnBothPaths(KeyAlgorithm algorithm, string malformation)
    {
        using var signer = ECDsa.Create(algorithm == KeyAlgorithm.EcdsaP256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        var publicKey = new NormalizedPublicKey(signer.ExportSubjectPublicKeyInfo(), algorithm);
        var valid = signer.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var signature = Malform(valid, algorithm, malformation);

        using var native = VerificationKey.Import(publicKey);
        using var managed = VerificationKey.Import(publicKey, allowNative: false);
        Assert.True(native.IsNative);
        Assert.True(Verify(native, Data, valid), "the unmodified signature must verify, or the case proves nothing");

        Assert.False(Verify(native, Data, signature));
        Assert.Equal(0UL, OpenSslEcdsa.PeekThreadError());
        Assert.False(Verify(managed, Data, signature));
    }

    private static byte[] Malform(byte[] valid, KeyAlgorithm algorithm, string malformation)
    {
        var (r, s) = EcdsaSignatureDer.Decode(valid);
        var n = EcdsaSignatureDer.Order(algorithm);
        var content = valid[2..];
        return malformation switch
        {
            "empty" => [],
            "garbage" => RandomBytes(valid.Length),
            "trailing-byte" => [.. valid, 0x00],
            "truncated" => valid[..^1],
            "non-minimal-sequence-length" => [0x30, 0x81, (byte)content.Length, .. content],
            "indefinite-length" => [0x30, 0x80, .. content, 0x00, 0x00],
            "non-minimal-r" => EcdsaSignatureDer.Sequence(
                EcdsaSignatureDer.Integer([0x00, .. EcdsaSignatureDer.Content(r)]),
                EcdsaSignatureDer.Integer(EcdsaSignatureDer.Content(s))),
            "negative-r" => EcdsaSignatureDer.Encode(-r, s),
            "negative-s" => EcdsaSignatureDer.Encode(r, -s),
            "zero-r" => EcdsaSignatureDer.Encode(0, s),
            "zero-s" => EcdsaSignatureDer.Encode(r, 0),
            "r-equals-n" => EcdsaSignatureDer.Encode(n, s),
            "r-plus-n" => EcdsaSignatureDer.Encode(r + n, s),
            "s-equals-n" => EcdsaSignatureDer.Encode(r, n),
            "p1363" => EcdsaSignatureDer.P1363(r, s, algorithm == KeyAlgorithm.EcdsaP256 ? 32 : 48),
            "wrong-outer-tag" => [0x31, .. valid[1..]],
            "three-integers" => EcdsaSignatureDer.Sequence(
                EcdsaSignatureDer.Integer(EcdsaSignatureDer.Content(r)),
                EcdsaSignatureDer.Integer(EcdsaSignatureDer.Content(s)),
                EcdsaSignatureDer.Integer(EcdsaSignatureDer.Content(s))),
            "r-as-octet-string" => EcdsaSignatureDer.Sequence(
                [0x04, .. EcdsaSignatureDer.Integer(EcdsaSignatureDer.Content(r))[1..]],
                EcdsaSignatureDer.Integer(EcdsaSignatureDer.Content(s))),
            "only-r" => EcdsaSignatureDer.Sequence(EcdsaSignatureDer.Integer(EcdsaSignatureDer.Content(r))),
            _ => throw new ArgumentOutOfRangeException(nameof(malformation), malformation, null),
        };
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static bool Verify(VerificationKey key, byte[] data, byte[] signature)
    {
        Assert.True(key.TryVerify(data, signature, HashAlgorithmName.SHA256, null, out var valid));
        return valid;
    }
}
