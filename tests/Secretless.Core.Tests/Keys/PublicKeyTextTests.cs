using System.Text;
using Secretless.Core.Keys;

namespace Secretless.Core.Tests.Keys;

[Collection(DeviceKeysGroup.Name)]
public sealed class PublicKeyTextTests(DeviceKeys keys)
{
    [Fact]
    public void TryDecode_Pem_ReturnsSpki()
    {
        Assert.True(PublicKeyText.TryDecode(keys.P256.PublicKeyPem, out var der, out var error), error);
        Assert.Equal(keys.P256.PublicKeySpkiDer, der);
    }

    [Fact]
    public void TryDecode_Base64OfPemAsInTheSampleDynamoDbTable_ReturnsSpki()
    {
        var pubkey = Convert.ToBase64String(Encoding.UTF8.GetBytes(keys.Rsa2048.PublicKeyPem));
        Assert.True(PublicKeyText.TryDecode(pubkey, out var der, out var error), error);
        Assert.Equal(keys.Rsa2048.PublicKeySpkiDer, der);
    }

    [Fact]
    public void TryDecode_Base64OfDer_ReturnsSpki()
    {
        Assert.True(PublicKeyText.TryDecode(Convert.ToBase64String(keys.P384.PublicKeySpkiDer), out var der, out var error), error);
        Assert.Equal(keys.P384.PublicKeySpkiDer, der);
    }

    [Fact]
    public void TryDecode_OneLinePemWithEscapedNewlines_ReturnsSpki()
    {
        var oneLine = keys.P256.PublicKeyPem.Trim().Replace("\n", "\\n", StringComparison.Ordinal);
        Assert.DoesNotContain('\n', oneLine);
        Assert.True(PublicKeyText.TryDecode(oneLine, out var der, out var error), error);
        Assert.Equal(keys.P256.PublicKeySpkiDer, der);
    }

    [Fact]
    public void TryDecode_Pkcs1RsaPem_WrappedAsSpki()
    {
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(keys.Rsa2048.PublicKeySpkiDer, out _);
        var pkcs1 = System.Security.Cryptography.PemEncoding.WriteString("RSA PUBLIC KEY", rsa.ExportRSAPublicKey());

        Assert.True(PublicKeyText.TryDecode(pkcs1, out var der, out var error), error);
        Assert.Equal(keys.Rsa2048.PublicKeySpkiDer, der);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("aGVsbG8=")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA")]
    public void TryDecode_Garbage_Error(string text)
    {
        Assert.False(PublicKeyText.TryDecode(text, out var der, out var error));
        Assert.Null(der);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryDecode_PrivateKeyPem_RefusedByLabel()
    {
        var privateKey = File.ReadAllText(keys.P256.PrivateKeyPath);
        Assert.False(PublicKeyText.TryDecode(privateKey, out _, out var error));
        Assert.Contains("PRIVATE KEY", error, StringComparison.Ordinal);
    }
}
