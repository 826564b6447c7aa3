using Microsoft.Extensions.Time.Testing;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Core.Provisioning;
using Secretless.Core.Tests.TestDoubles;
using Secretless.TestSupport;

namespace Secretless.Core.Tests.Provisioning;

/// <summary>A provisioner wired to in-memory doubles of the four ports.</summary>
internal sealed class ProvisioningStack : IDisposable
{
    public ProvisioningStack(ProvisioningOptions? options = null)
    {
        Options = options ?? new ProvisioningOptions();
        Authority = new InMemoryCertificateAuthority(Time.GetUtcNow());
        Provisioner = new DeviceProvisioner(
            Directory, Authority, Registry, Ledger, new CertificateProfileFactory(Options, Time), Options, Logger);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public ProvisioningOptions Options { get; }

    public InMemoryDeviceDirectory Directory { get; } = new();

    public InMemoryCertificateAuthority Authority { get; }

    public InMemoryThingRegistry Registry { get; } = new();

    public InMemoryIssuanceLedger Ledger { get; } = new();

    public CapturingLogger<DeviceProvisioner> Logger { get; } = new();

    public DeviceProvisioner Provisioner { get; }

    public void Register(DeviceKeyFixture device, string? deviceId = null)
    {
        Assert.True(PublicKeyNormalizer.TryNormalize(device.PublicKeySpkiDer, out var key, out _));
        Directory.Add(deviceId ?? device.DeviceId, key.SpkiDer, key.Algorithm);
    }

    public Task<ProvisioningOutcome> ProvisionAsync(string? header) =>
        Provisioner.ProvisionAsync(header, CancellationToken.None);

    public void Dispose() => Authority.Dispose();
}
