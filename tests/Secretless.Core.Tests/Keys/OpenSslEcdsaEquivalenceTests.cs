using System.Security.Cryptography;
using Secretless.Core.Keys;

namespace Secretless.Core.Tests.Keys;

/// <summary>
/// The native libcrypto path and .NET's path must agree on every key and signature: same answer
/// for valid signatures, tampered data and tampered signatures, over many random keys, messages
/// and hash choices (seeded, so a failure reproduces).
/// </summary>
public sealed class OpenSslEcdsaEquivalenceTests
{
    private const int KeysPerCurve = 512;

    private static readonly HashAlgorithmName[] Hashes =
        [HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512];

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.EcdsaP384)]
    public void TryVerify_ManyRandomKeys_NativeAgreesWithDotNet(KeyAlgorithm algorithm)
    {
        var random = new Random(algorithm == KeyAlgorithm.EcdsaP256 ? 256 : 384);
        var curve = algorithm == KeyAlgorithm.EcdsaP256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384;
        var checkedSignatures = 0;

        for (var i = 0; i < KeysPerCurve; i++)
        {
            using var signer = ECDsa.Create(curve);
            var publicKey = new NormalizedPublicKey(signer.ExportSubjectPublicKeyInfo(), algorithm);
            var data = new byte[random.Next(0, 400)];
            random.NextBytes(data);
            var hash = Hashes[random.Next(Hashes.Length)];
            var signature = signer.SignData(data, hash, DSASignatureFormat.Rfc3279DerSequence);

            using var native = VerificationKey.Import(publicKey);
            using var managed = VerificationKey.Import(publicKey, allowNative: false);
            Assert.True(native.IsNative);
            Assert.False(managed.IsNative);

            Assert.True(Verify(native, data, signature, hash), $"native refused valid signature #{i}");
            Assert.True(Verify(managed, data, signature, hash), $".NET refused valid signature #{i}");

            var tamperedData = data.Length == 0 ? [0x00] : FlipRandomBit(data, random);
            Assert.False(Verify(native, tamperedData, signature, hash), $"native accepted tampered data #{i}");
            Assert.False(Verify(managed, tamperedData, signature, hash), $".NET accepted tampered data #{i}");

            var tamperedSignature = FlipRandomBit(signature, random);
            Assert.False(Verify(native, data, tamperedSignature, hash), $"native accepted tampered signature #{i}");
            Assert.Equal(0UL, OpenSslEcdsa.PeekThreadError());
            Assert.False(Verify(managed, data, tamperedSignature, hash), $".NET accepted tampered signature #{i}");

            var otherHash = Hashes[(Array.IndexOf(Hashes, hash) + 1) % Hashes.Length];
            Assert.False(Verify(native, data, signature, otherHash), $"native accepted the signature under another hash #{i}");
            Assert.False(Verify(managed, data, signature, otherHash), $".NET accepted the signature under another hash #{i}");
            checkedSignatures++;
        }

        Assert.Equal(KeysPerCurve, checkedSignatures);
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.EcdsaP384)]
    public void TryVerify_SignatureWithHighS_NativeAgreesWithDotNet(KeyAlgorithm algorithm)
    {
        // ECDSA signatures are malleable: (r, n − s) verifies too. Neither path enforces low-s,
        // and the native path must not differ from .NET here either.
        var curve = algorithm == KeyAlgorithm.EcdsaP256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384;
        using var signer = ECDsa.Create(curve);
        var publicKey = new NormalizedPublicKey(signer.ExportSubjectPublicKeyInfo(), algorithm);
        var data = "certification request info"u8.ToArray();
        var (r, s) = EcdsaSignatureDer.Decode(signer.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var mirrored = EcdsaSignatureDer.Encode(r, EcdsaSignatureDer.Order(algorithm) - s);

        using var native = VerificationKey.Import(publicKey);
        using var managed = VerificationKey.Import(publicKey, allowNative: false);

        Assert.True(native.IsNative);
        Assert.Equal(Verify(managed, data, mirrored, HashAlgorithmName.SHA256), Verify(native, data, mirrored, HashAlgorithmName.SHA256));
    }

    private static bool Verify(VerificationKey key, byte[] data, byte[] signature, HashAlgorithmName hash)
    {
        Assert.True(key.TryVerify(data, signature, hash, null, out var valid));
        return valid;
    }

    private static byte[] FlipRandomBit(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }
}
