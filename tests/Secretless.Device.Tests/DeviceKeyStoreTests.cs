using System.Security.Cryptography;
using Secretless.TestSupport;

namespace Secretless.Device.Tests;

public sealed class DeviceKeyStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("secretless-device-keys");

    [Theory]
    [InlineData("pkcs8-ec", new[] { "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "{out}" })]
    [InlineData("sec1-ec", new[] { "ecparam", "-name", "prime256v1", "-genkey", "-out", "{out}" })]
    [InlineData("sec1-ec-p384", new[] { "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "{out}" })]
    [InlineData("pkcs8-rsa", new[] { "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "{out}" })]
    [InlineData("pkcs1-rsa", new[] { "genrsa", "-traditional", "-out", "{out}", "2048" })]
    public async Task LoadPrivateKeyAsync_OpenSslKeyFormats_LoadsTheSameKeyOpenSslHas(string name, string[] generate)
    {
        var keyPath = _directory.File(name + ".pem");
        await OpenSsl.RunAsync(generate.Select(argument => argument == "{out}" ? keyPath : argument));
        var expectedSpki = DeviceKeyFixture.ReadPemDer(
            await OpenSsl.RunAsync(["pkey", "-in", keyPath, "-pubout"]), "PUBLIC KEY");

        using var key = await DeviceKeyStore.LoadPrivateKeyAsync(keyPath, CancellationToken.None);

        Assert.Equal(expectedSpki, key.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task LoadPrivateKeyAsync_EncryptedKey_ThrowsInvalidDataNamingEncryption()
    {
        var keyPath = _directory.File("encrypted.pem");
        await OpenSsl.RunAsync(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-aes-256-cbc", "-pass", "pass:secret", "-out", keyPath]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => DeviceKeyStore.LoadPrivateKeyAsync(keyPath, CancellationToken.None));

        Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadPrivateKeyPem_PublicKeyOnly_ThrowsInvalidData()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Throws<InvalidDataException>(() => DeviceKeyStore.LoadPrivateKeyPem(DeviceKeyStore.ExportPublicKeyPem(key)));
    }

    [Fact]
    public void LoadPrivateKeyPem_CorruptKeyBlock_ThrowsInvalidData()
    {
        var pem = PemEncoding.WriteString("PRIVATE KEY", new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 });

        Assert.Throws<InvalidDataException>(() => DeviceKeyStore.LoadPrivateKeyPem(pem));
    }

    [Fact]
    public async Task GenerateP256Async_NewPath_WritesOwnerOnlyKeyOpenSslAccepts()
    {
        var keyPath = _directory.File("keys/device.key.pem");

        using var key = await DeviceKeyStore.GenerateP256Async(keyPath, CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        var check = await OpenSsl.RunAsync(["pkey", "-in", keyPath, "-noout", "-text"]);
        Assert.Contains("NIST CURVE: P-256", check, StringComparison.Ordinal);
        using var reloaded = await DeviceKeyStore.LoadPrivateKeyAsync(keyPath, CancellationToken.None);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), reloaded.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task GenerateP256Async_ExistingFile_RefusesAndKeepsTheOldKey()
    {
        var keyPath = _directory.File("device.key.pem");
        await File.WriteAllTextAsync(keyPath, "old");

        await Assert.ThrowsAsync<IOException>(() => DeviceKeyStore.GenerateP256Async(keyPath, CancellationToken.None));

        Assert.Equal("old", await File.ReadAllTextAsync(keyPath));
    }

    [Fact]
    public void ExportPublicKeyPem_RsaKey_IsSpkiPem()
    {
        using var key = RSA.Create(2048);

        var pem = DeviceKeyStore.ExportPublicKeyPem(key);

        Assert.Equal(key.ExportSubjectPublicKeyInfo(), DeviceKeyFixture.ReadPemDer(pem, "PUBLIC KEY"));
    }

    public void Dispose() => _directory.Dispose();
}
