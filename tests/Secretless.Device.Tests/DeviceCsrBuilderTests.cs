using System.Security.Cryptography;
using System.Text;
using Secretless.TestSupport;

namespace Secretless.Device.Tests;

public sealed class DeviceCsrBuilderTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("secretless-device-csr");

    public static TheoryData<string> KeyKinds => new() { "p256", "p384", "rsa2048" };

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task BuildPem_AnyAllowedKey_OpenSslVerifiesSignatureAndSubject(string kind)
    {
        using var key = CreateKey(kind);
        var path = _directory.File($"{kind}.csr");
        await File.WriteAllTextAsync(path, DeviceCsrBuilder.BuildPem("sensor-0042", key));

        var output = await OpenSsl.RunAsync(["req", "-in", path, "-noout", "-verify", "-subject"]);

        Assert.Contains("subject=CN = sensor-0042", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildPem_P256Key_CsrCarriesTheDevicePublicKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csrPath = _directory.File("device.csr");
        await File.WriteAllTextAsync(csrPath, DeviceCsrBuilder.BuildPem("dev-1", key));

        var publicKeyPem = await OpenSsl.RunAsync(["req", "-in", csrPath, "-noout", "-pubkey"]);

        Assert.Equal(key.ExportSubjectPublicKeyInfo(), DeviceKeyFixture.ReadPemDer(publicKeyPem, "PUBLIC KEY"));
    }

    [Fact]
    public void BuildHeaderValue_P256Key_IsBase64OfThePemText()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var header = DeviceCsrBuilder.BuildHeaderValue("dev-1", key);
        var pem = Encoding.ASCII.GetString(Convert.FromBase64String(header));

        Assert.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", pem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', header);
    }

    [Fact]
    public void BuildDer_UnsupportedKeyType_Throws()
    {
        using var key = ECDiffieHellman.Create();

        Assert.Throws<ArgumentException>(() => DeviceCsrBuilder.BuildDer("dev-1", key));
    }

    public void Dispose() => _directory.Dispose();

    private static AsymmetricAlgorithm CreateKey(string kind) => kind switch
    {
        "p256" => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        "p384" => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        _ => RSA.Create(2048),
    };
}
