using System.Security.Cryptography;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.TestSupport;

namespace Secretless.Aws.Tests.AcmPca;

/// <summary>One EC P-256 device made with the openssl CLI, shared by the ACM PCA backend tests.</summary>
public sealed class AcmPcaDeviceFixture : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _directory = new("acmpca-device");

    public DeviceKeyFixture Device { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Device = await DeviceKeyFixture.CreateAsync(_directory, "dev-0001", TestKeyKind.EcP256);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>The profile the core would hand the CA: 30 days from now (to the second), token from the CSR hash.</summary>
    public CertificateProfile Profile(TimeSpan? validity = null)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return new CertificateProfile(
            Device.DeviceId,
            Device.PublicKeySpkiDer,
            KeyAlgorithm.EcdsaP256,
            CertificateProfileFactory.NewSerialNumber(),
            now.AddMinutes(-5),
            now + (validity ?? TimeSpan.FromDays(30)),
            Convert.ToHexStringLower(SHA256.HashData(Device.CsrDer))[..32],
            Device.CsrDer);
    }
}
