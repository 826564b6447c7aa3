using System.Formats.Asn1;
using System.Security.Cryptography;
using Secretless.Core.Csr;
using Secretless.Core.Keys;
using Secretless.TestSupport;

namespace Secretless.Core.Tests.Keys;

/// <summary>
/// Key import on the native path: it is really taken on this host (a silent fallback would fail
/// here, not just run slower), it refuses every point .NET refuses with the same exception type,
/// and keys and CSRs made by the openssl CLI verify on it.
/// </summary>
[Collection(DeviceKeysGroup.Name)]
public sealed class OpenSslEcdsaImportTests(DeviceKeys keys)
{
    [Fact]
    public void IsAvailable_LinuxWithOpenSsl3_True()
    {
        Assert.True(OperatingSystem.IsLinux(), "these tests expect the Linux CI host");
        Assert.True(OpenSslEcdsa.IsAvailable, "libcrypto.so.3 should be usable here; the native ECDSA path silently fell back to .NET");
    }

    [Fact]
    public void Import_OpenSslP256AndP384Keys_TakeNativePath()
    {
        using var p256 = VerificationKey.Import(Normalize(keys.P256));
        using var p384 = VerificationKey.Import(Normalize(keys.P384));

        Assert.True(p256.IsNative);
        Assert.True(p384.IsNative);
    }

    [Fact]
    public void Import_RsaKey_UsesDotNet()
    {
        using var rsa = VerificationKey.Import(Normalize(keys.Rsa2048));

        Assert.False(rsa.IsNative);
        Assert.Equal(KeyAlgorithm.Rsa, rsa.Algorithm);
    }

    [Theory]
    [InlineData("p256")]
    [InlineData("p384")]
    public void TryVerify_OpenSslMadeCsr_ValidOnBothPaths(string kind)
    {
        var device = kind == "p256" ? keys.P256 : keys.P384;
        var (signed, signature, hash) = SplitCsr(device.CsrDer);
        using var native = VerificationKey.Import(Normalize(device));
        using var managed = VerificationKey.Import(Normalize(device), allowNative: false);

        Assert.True(native.IsNative);
        Assert.True(native.TryVerify(signed, signature, hash, null, out var nativeValid) && nativeValid);
        Assert.True(managed.TryVerify(signed, signature, hash, null, out var managedValid) && managedValid);
        Assert.True(CsrInspector.Inspect(device.DeviceCsrHeader).Succeeded);
    }

    [Fact]
    public void TryVerify_OtherDevicesCsr_FalseOnNativePath()
    {
        var (signed, signature, hash) = SplitCsr(keys.P256Other.CsrDer);
        using var native = VerificationKey.Import(Normalize(keys.P256));

        Assert.True(native.IsNative);
        Assert.True(native.TryVerify(signed, signature, hash, null, out var valid));
        Assert.False(valid);
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256, "off-curve")]
    [InlineData(KeyAlgorithm.EcdsaP384, "off-curve")]
    [InlineData(KeyAlgorithm.EcdsaP256, "x-equals-p")]
    [InlineData(KeyAlgorithm.EcdsaP384, "x-equals-p")]
    [InlineData(KeyAlgorithm.EcdsaP256, "zero-point")]
    [InlineData(KeyAlgorithm.EcdsaP256, "short-point")]
    [InlineData(KeyAlgorithm.EcdsaP384, "long-point")]
    [InlineData(KeyAlgorithm.EcdsaP256, "infinity")]
    [InlineData(KeyAlgorithm.EcdsaP384, "infinity")]
    public void Import_InvalidPoint_ThrowsCryptographicExceptionOnBothPaths(KeyAlgorithm algorithm, string defect)
    {
        var fieldSize = algorithm == KeyAlgorithm.EcdsaP256 ? 32 : 48;
        var curve = algorithm == KeyAlgorithm.EcdsaP256 ? PrimeCurve.P256 : PrimeCurve.P384;
        using var generated = ECDsa.Create(algorithm == KeyAlgorithm.EcdsaP256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        var parameters = generated.ExportParameters(includePrivateParameters: false);
        byte[] point = defect switch
        {
            "off-curve" => [0x04, .. parameters.Q.X!, .. Increment(parameters.Q.Y!)],
            "x-equals-p" => [0x04, .. FieldPrime(algorithm), .. parameters.Q.Y!],
            "zero-point" => [0x04, .. new byte[2 * fieldSize]],
            "short-point" => [0x04, .. parameters.Q.X!, .. parameters.Q.Y![..^1]],
            "long-point" => [0x04, .. parameters.Q.X!, .. parameters.Q.Y!, 0x00],
            "infinity" => [0x00],
            _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, null),
        };
        if (defect == "off-curve")
        {
            Assert.False(curve.IsOnCurve(point.AsSpan(1, fieldSize), point.AsSpan(1 + fieldSize)));
        }

        var key = new NormalizedPublicKey(Spki(algorithm, point), algorithm);

        Assert.ThrowsAny<CryptographicException>(() => VerificationKey.Import(key));
        Assert.Equal(0UL, OpenSslEcdsa.PeekThreadError());
        Assert.ThrowsAny<CryptographicException>(() => VerificationKey.Import(key, allowNative: false));
    }

    [Fact]
    public void Import_OffCurvePointInNormalizedForm_RefusedByNativePathItself()
    {
        // The normalized layout is what the native path takes; an off-curve point in it must be
        // refused by OpenSSL (EC_POINT_oct2point), not handed on to .NET.
        using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = generated.ExportParameters(includePrivateParameters: false).Q;
        var spki = Spki(KeyAlgorithm.EcdsaP256, [0x04, .. q.X!, .. Increment(q.Y!)]);

        var error = Assert.ThrowsAny<CryptographicException>(() => OpenSslEcdsa.TryImport(KeyAlgorithm.EcdsaP256, spki));

        Assert.Contains("not a point on the curve", error.Message, StringComparison.Ordinal);
        Assert.Equal(0UL, OpenSslEcdsa.PeekThreadError());
    }

    [Fact]
    public void TryImport_RsaOrUnnormalizedSpki_NullSoDotNetDecides()
    {
        var p256 = Normalize(keys.P256).SpkiDer;

        Assert.Null(OpenSslEcdsa.TryImport(KeyAlgorithm.Rsa, Normalize(keys.Rsa2048).SpkiDer));
        Assert.Null(OpenSslEcdsa.TryImport(KeyAlgorithm.EcdsaP384, p256));
        Assert.Null(OpenSslEcdsa.TryImport(KeyAlgorithm.EcdsaP256, [.. p256, 0x00]));
    }

    [Fact]
    public void TryVerify_AfterDispose_FalseAndNotUsed()
    {
        var (signed, signature, hash) = SplitCsr(keys.P256.CsrDer);
        var key = VerificationKey.Import(Normalize(keys.P256));
        Assert.True(key.IsNative);

        key.Dispose();
        key.Dispose();

        Assert.False(key.TryVerify(signed, signature, hash, null, out var valid));
        Assert.False(valid);
    }

    [Fact]
    public void TryVerify_ParallelCallsOnOneNativeKey_AllValid()
    {
        var (signed, signature, hash) = SplitCsr(keys.P384.CsrDer);
        using var key = VerificationKey.Import(Normalize(keys.P384));
        var validCount = 0;

        Parallel.For(0, 200, _ =>
        {
            if (key.TryVerify(signed, signature, hash, null, out var valid) && valid)
            {
                Interlocked.Increment(ref validCount);
            }
        });

        Assert.True(key.IsNative);
        Assert.Equal(200, validCount);
    }

    [Fact]
    public void Import_ManyKeysInParallel_EachVerifiesOnlyItsOwnSignature()
    {
        // Imports on many threads at once copy the one shared curve group concurrently.
        var data = "certification request info"u8.ToArray();
        var signed = Enumerable.Range(0, 64).Select(i =>
        {
            using var signer = ECDsa.Create(i % 2 == 0 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
            var algorithm = i % 2 == 0 ? KeyAlgorithm.EcdsaP256 : KeyAlgorithm.EcdsaP384;
            return (Key: new NormalizedPublicKey(signer.ExportSubjectPublicKeyInfo(), algorithm),
                Signature: signer.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }).ToArray();
        var rounds = signed.Length * 4;
        var correct = 0;

        Parallel.For(0, rounds, n =>
        {
            var i = n % signed.Length;
            using var own = VerificationKey.Import(signed[i].Key);
            using var neighbour = VerificationKey.Import(signed[(i + 2) % signed.Length].Key);
            var ownValid = own.IsNative && own.TryVerify(data, signed[i].Signature, HashAlgorithmName.SHA256, null, out var valid) && valid;
            var neighbourValid = neighbour.TryVerify(data, signed[i].Signature, HashAlgorithmName.SHA256, null, out var wrong) && wrong;
            if (ownValid && !neighbourValid)
            {
                Interlocked.Increment(ref correct);
            }
        });

        Assert.Equal(rounds, correct);
    }

    private static NormalizedPublicKey Normalize(DeviceKeyFixture device) =>
        PublicKeyNormalizer.TryNormalize(device.PublicKeySpkiDer, out var key, out var error)
            ? key
            : throw new InvalidOperationException($"Fixture key did not normalize: {error.Code}");

    private static (byte[] Signed, byte[] Signature, HashAlgorithmName Hash) SplitCsr(byte[] csrDer)
    {
        var request = new AsnReader(csrDer, AsnEncodingRules.DER).ReadSequence();
        var signed = request.ReadEncodedValue().ToArray();
        var algorithm = request.ReadSequence().ReadObjectIdentifier();
        var signature = request.ReadBitString(out _);
        var hash = algorithm switch
        {
            "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => throw new InvalidOperationException($"Unexpected CSR signature algorithm {algorithm}."),
        };
        return (signed, signature, hash);
    }

    private static byte[] Spki(KeyAlgorithm algorithm, byte[] point)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.10045.2.1");
                writer.WriteObjectIdentifier(algorithm == KeyAlgorithm.EcdsaP256 ? "1.2.840.10045.3.1.7" : "1.3.132.0.34");
            }

            writer.WriteBitString(point);
        }

        return writer.Encode();
    }

    private static byte[] FieldPrime(KeyAlgorithm algorithm) => Convert.FromHexString(algorithm == KeyAlgorithm.EcdsaP256
        ? "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
        : "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff");

    /// <summary>y + 1 in the last byte's place (wrapping that byte): moves the point off the curve.</summary>
    private static byte[] Increment(byte[] y)
    {
        var copy = (byte[])y.Clone();
        copy[^1]++;
        return copy;
    }
}
