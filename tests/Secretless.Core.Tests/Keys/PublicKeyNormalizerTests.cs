using System.Security.Cryptography;
using Secretless.Core.Errors;
using Secretless.Core.Keys;
using Secretless.TestSupport;

namespace Secretless.Core.Tests.Keys;

[Collection(DeviceKeysGroup.Name)]
public sealed class PublicKeyNormalizerTests(DeviceKeys keys)
{
    [Fact]
    public async Task TryNormalize_CompressedP256_EqualsUncompressed()
    {
        var compressed = await keys.P256.ExportCompressedPublicKeyDerAsync();
        Assert.NotEqual(keys.P256.PublicKeySpkiDer.Length, compressed.Length);

        Assert.True(PublicKeyNormalizer.TryNormalize(compressed, out var key, out var error), error?.Detail);
        Assert.Equal(KeyAlgorithm.EcdsaP256, key.Algorithm);
        Assert.Equal(keys.P256.PublicKeySpkiDer, key.SpkiDer);
    }

    [Fact]
    public async Task TryNormalize_CompressedP384_EqualsUncompressed()
    {
        var compressed = await keys.P384.ExportCompressedPublicKeyDerAsync();

        Assert.True(PublicKeyNormalizer.TryNormalize(compressed, out var key, out var error), error?.Detail);
        Assert.Equal(KeyAlgorithm.EcdsaP384, key.Algorithm);
        Assert.Equal(keys.P384.PublicKeySpkiDer, key.SpkiDer);
    }

    [Fact]
    public void TryNormalize_ManyCompressedDotNetKeys_RoundTrip()
    {
        // Both parities of y and both curves, against .NET's own uncompressed export.
        foreach (var curve in new[] { ECCurve.NamedCurves.nistP256, ECCurve.NamedCurves.nistP384 })
        {
            for (var i = 0; i < 20; i++)
            {
                using var ecdsa = ECDsa.Create(curve);
                var uncompressed = ecdsa.ExportSubjectPublicKeyInfo();
                var fieldSize = ecdsa.ExportParameters(false).Q.X!.Length;
                var compressed = Compress(uncompressed, fieldSize);

                Assert.True(PublicKeyNormalizer.TryNormalize(compressed, out var key, out var error), error?.Detail);
                Assert.Equal(uncompressed, key.SpkiDer);
            }
        }
    }

    [Fact]
    public void TryNormalize_PointNotOnCurve_CsrMalformed()
    {
        var spki = keys.P256.PublicKeySpkiDer.ToArray();
        spki[^1] ^= 0x01;

        Assert.False(PublicKeyNormalizer.TryNormalize(spki, out _, out var error));
        Assert.Equal(ProvisioningErrorCodes.CsrMalformed, error.Code);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void TryNormalize_Rsa2048_UnchangedCanonicalForm()
    {
        Assert.True(PublicKeyNormalizer.TryNormalize(keys.Rsa2048.PublicKeySpkiDer, out var key, out var error), error?.Detail);
        Assert.Equal(KeyAlgorithm.Rsa, key.Algorithm);
        Assert.Equal(keys.Rsa2048.PublicKeySpkiDer, key.SpkiDer);

        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.SpkiDer, out _);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), key.SpkiDer);
    }

    [Fact]
    public void TryNormalize_RsaWithAbsentParameters_AddsNull()
    {
        using var rsa = RSA.Create(2048);
        var canonical = rsa.ExportSubjectPublicKeyInfo();
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.1.1");
            }

            writer.WriteBitString(rsa.ExportRSAPublicKey());
        }

        Assert.True(PublicKeyNormalizer.TryNormalize(writer.Encode(), out var key, out _));
        Assert.Equal(canonical, key.SpkiDer);
    }

    [Theory]
    [InlineData(TestKeyKind.Rsa1024)]
    [InlineData(TestKeyKind.EcP521)]
    [InlineData(TestKeyKind.Ed25519)]
    public void TryNormalize_DisallowedAlgorithm_KeyAlgorithmNotAllowed(TestKeyKind kind)
    {
        var spki = kind switch
        {
            TestKeyKind.Rsa1024 => keys.Rsa1024.PublicKeySpkiDer,
            TestKeyKind.EcP521 => keys.P521.PublicKeySpkiDer,
            _ => keys.Ed25519.PublicKeySpkiDer,
        };

        Assert.False(PublicKeyNormalizer.TryNormalize(spki, out var key, out var error));
        Assert.Null(key);
        Assert.Equal(ProvisioningErrorCodes.KeyAlgorithmNotAllowed, error.Code);
        Assert.Equal(403, error.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("3000")]
    [InlineData("300a06082a8648ce3d030107")]
    public void TryNormalize_Garbage_CsrMalformed(string hex)
    {
        Assert.False(PublicKeyNormalizer.TryNormalize(Convert.FromHexString(hex), out _, out var error));
        Assert.Equal(ProvisioningErrorCodes.CsrMalformed, error.Code);
    }

    [Fact]
    public void TryNormalize_TruncatedKey_CsrMalformed()
    {
        Assert.False(PublicKeyNormalizer.TryNormalize(keys.P256.PublicKeySpkiDer.AsSpan(0, keys.P256.PublicKeySpkiDer.Length - 1), out _, out var error));
        Assert.Equal(ProvisioningErrorCodes.CsrMalformed, error.Code);
    }

    private static byte[] Compress(byte[] uncompressed, int fieldSize)
    {
        // Rebuild the SPKI with a compressed point (prefix + X), reusing the algorithm identifier.
        var reader = new System.Formats.Asn1.AsnReader(uncompressed, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var algorithm = reader.ReadEncodedValue();
        var point = reader.ReadBitString(out _);
        var compressedPoint = new byte[1 + fieldSize];
        compressedPoint[0] = (byte)((point[^1] & 1) == 1 ? 0x03 : 0x02);
        point.AsSpan(1, fieldSize).CopyTo(compressedPoint.AsSpan(1));
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(algorithm.Span);
            writer.WriteBitString(compressedPoint);
        }

        return writer.Encode();
    }
}
