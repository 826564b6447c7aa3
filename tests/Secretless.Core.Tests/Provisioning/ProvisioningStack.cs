using Microsoft.Extensions.Time.Testing;
using Secretless.Core.Delivery;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Core.Provisioning;
using Secretless.Core.Tests.TestDoubles;
using Secretless.TestSupport;

namespace Secretless.Core.Tests.Provisioning;

/// <summary>A provisioner wired to in-memory doubles of the four ports.</summary>
internal sealed class ProvisioningStack : IDisposable
{
    public ProvisioningStack(ProvisioningOptions? options = null, bool gated = false)
    {
        Options = options ?? new ProvisioningOptions();
        Registry = new InMemoryThingRegistry(Time);
        Authority = new InMemoryCertificateAuthority(Time.GetUtcNow());
        Gate = gated ? new GatedCertificateAuthority(Authority) : null;
        Provisioner = new DeviceProvisioner(
            Directory, Gate ?? (ICertificateAuthority)Authority, Registry, Ledger, new CertificateProfileFactory(Options, Time), Options, Logger);
    }

    /// <summary>The gate in front of the CA when the stack was made with <c>gated: true</c>.</summary>
    public GatedCertificateAuthority? Gate { get; }

    public InMemoryPayloadStore Payloads { get; } = new();

    public CapturingLogger<LatentDelivery> DeliveryLogger { get; } = new();

    public LatentDelivery CreateLatentDelivery(LatentDeliveryOptions? options = null, bool withStore = true) =>
        new(Provisioner, options ?? new LatentDeliveryOptions(), Time, DeliveryLogger, withStore ? Payloads : null);

    public IssuanceResumer CreateResumer(LatentDelivery? delivery = null, IssuanceResumeOptions? options = null) =>
        new(Provisioner, Ledger, options ?? new IssuanceResumeOptions(), Time, new CapturingLogger<IssuanceResumer>(), delivery);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public ProvisioningOptions Options { get; }

    public InMemoryDeviceDirectory Directory { get; } = new();

    public InMemoryCertificateAuthority Authority { get; }

    public InMemoryThingRegistry Registry { get; }

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
