using Secretless.TestSupport;

namespace Secretless.Core.Tests;

/// <summary>
/// openssl-made device keys shared by the tests of one collection (RSA key generation is slow,
/// so each kind is made once). Each device's CSR has CN = its device id.
/// </summary>
public sealed class DeviceKeys : IAsyncLifetime, IDisposable
{
    public TemporaryDirectory Directory { get; } = new("secretless-core-tests");

    public DeviceKeyFixture P256 { get; private set; } = null!;

    public DeviceKeyFixture P256Other { get; private set; } = null!;

    public DeviceKeyFixture P384 { get; private set; } = null!;

    public DeviceKeyFixture P521 { get; private set; } = null!;

    public DeviceKeyFixture Rsa2048 { get; private set; } = null!;

    public DeviceKeyFixture Rsa1024 { get; private set; } = null!;

    public DeviceKeyFixture Ed25519 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var p256 = DeviceKeyFixture.CreateAsync(Directory, "sensor-p256", TestKeyKind.EcP256);
        var p256Other = DeviceKeyFixture.CreateAsync(Directory, "sensor-p256", TestKeyKind.EcP256);
        var p384 = DeviceKeyFixture.CreateAsync(Directory, "sensor-p384", TestKeyKind.EcP384);
        var p521 = DeviceKeyFixture.CreateAsync(Directory, "sensor-p521", TestKeyKind.EcP521);
        var rsa2048 = DeviceKeyFixture.CreateAsync(Directory, "sensor-rsa2048", TestKeyKind.Rsa2048);
        var rsa1024 = DeviceKeyFixture.CreateAsync(Directory, "sensor-rsa1024", TestKeyKind.Rsa1024);
        var ed25519 = DeviceKeyFixture.CreateAsync(Directory, "sensor-ed25519", TestKeyKind.Ed25519);
        P256 = await p256;
        P256Other = await p256Other;
        P384 = await p384;
        P521 = await p521;
        Rsa2048 = await rsa2048;
        Rsa1024 = await rsa1024;
        Ed25519 = await ed25519;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Dispose();
}
