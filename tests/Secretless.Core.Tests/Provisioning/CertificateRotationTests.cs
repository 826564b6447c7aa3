using Secretless.Core.Provisioning;
using Secretless.Core.Registry;
using Secretless.Core.Tests.TestDoubles;

namespace Secretless.Core.Tests.Provisioning;

[Collection(DeviceKeysGroup.Name)]
public sealed class CertificateRotationTests(DeviceKeys keys)
{
    [Fact]
    public async Task ProvisionAsync_NewCsrWithoutGrace_RevokesThePreviousCertificate()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var renewal = await keys.P256.CreateCsrAsync("/CN=sensor-p256/O=Renewal");

        var first = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        stack.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await stack.ProvisionAsync(renewal.DeviceCsrHeader);

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal(CertificateStatus.Revoked, stack.Registry.Certificates[first.Certificate.CertificateId]);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[second.Certificate.CertificateId]);
        var retired = Assert.Single(stack.Logger.Entries, e => e.EventId.Id == 1200);
        Assert.Contains(first.Certificate.CertificateId, retired.Message, StringComparison.Ordinal);
        Assert.Contains(second.Certificate.CertificateId, retired.Message, StringComparison.Ordinal);
        Assert.Contains("sensor-p256", retired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_SameInstantRenewal_RetiresByRegistrationOrder()
    {
        // The fake clock does not move: registration order alone decides which certificate is newer.
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var renewal = await keys.P256.CreateCsrAsync("/CN=sensor-p256/O=SameInstant");

        var first = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        var second = await stack.ProvisionAsync(renewal.DeviceCsrHeader);

        Assert.Equal(CertificateStatus.Revoked, stack.Registry.Certificates[first.Certificate!.CertificateId]);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[second.Certificate!.CertificateId]);
    }

    [Fact]
    public async Task ProvisionAsync_WithGrace_KeepsOlderUntilGraceIsOverThenRetiresAtNextIssuance()
    {
        using var stack = new ProvisioningStack(new ProvisioningOptions { RotationGracePeriod = TimeSpan.FromMinutes(10) });
        stack.Register(keys.P384);
        var second = await keys.P384.CreateCsrAsync("/CN=sensor-p384/O=Second");
        var third = await keys.P384.CreateCsrAsync("/CN=sensor-p384/O=Third");

        var a = (await stack.ProvisionAsync(keys.P384.DeviceCsrHeader)).Certificate!;
        stack.Time.Advance(TimeSpan.FromSeconds(1));
        var b = (await stack.ProvisionAsync(second.DeviceCsrHeader)).Certificate!;
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[a.CertificateId]);

        stack.Time.Advance(TimeSpan.FromMinutes(11));
        var c = (await stack.ProvisionAsync(third.DeviceCsrHeader)).Certificate!;

        // a was superseded by b eleven minutes ago; b was superseded by c just now.
        Assert.Equal(CertificateStatus.Revoked, stack.Registry.Certificates[a.CertificateId]);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[b.CertificateId]);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[c.CertificateId]);
    }

    [Fact]
    public async Task ProvisionAsync_AnotherDevice_LeavesOtherThingsCertificatesAlone()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        stack.Register(keys.P384);

        var first = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        stack.Time.Advance(TimeSpan.FromSeconds(1));
        var other = await stack.ProvisionAsync(keys.P384.DeviceCsrHeader);

        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[first.Certificate!.CertificateId]);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[other.Certificate!.CertificateId]);
        Assert.DoesNotContain(stack.Logger.Entries, e => e.EventId.Id == 1200);
    }

    [Fact]
    public async Task ProvisionAsync_RetiringFails_DeviceIsStillAnsweredAndFailureLogged()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var renewal = await keys.P256.CreateCsrAsync("/CN=sensor-p256/O=RetireFails");
        var first = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        stack.Registry.FailOnce = "ListThingCertificates";
        stack.Registry.Failure = new IOException("registry read failed");

        var second = await stack.ProvisionAsync(renewal.DeviceCsrHeader);

        Assert.True(second.Succeeded);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[first.Certificate!.CertificateId]);
        Assert.Contains(stack.Logger.Entries, e => e.EventId.Id == 1201);
    }

    [Fact]
    public async Task RetireSupersededAsync_SuccessorInactive_OlderCertificateStaysActive()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var registry = new InMemoryThingRegistry(time);
        var older = await RegisterAsync(registry, "thing-1", [1]);
        time.Advance(TimeSpan.FromMinutes(5));
        var broken = await RegisterAsync(registry, "thing-1", [2]);
        await registry.SetCertificateStatusAsync(broken, CertificateStatus.Inactive, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        var current = await RegisterAsync(registry, "thing-1", [3]);
        var rotation = new CertificateRotation(
            registry, new ProvisioningOptions { RotationGracePeriod = TimeSpan.FromMinutes(30) }, time, new CapturingLogger<CertificateRotation>());

        var retired = await rotation.RetireSupersededAsync("thing-1", current, CancellationToken.None);

        // Only an ACTIVE successor starts the grace: the INACTIVE one was never delivered, and the
        // current one is younger than the grace period.
        Assert.Equal(0, retired);
        Assert.Equal(CertificateStatus.Active, registry.Certificates[older]);
        Assert.Equal(CertificateStatus.Inactive, registry.Certificates[broken]);
    }

    [Fact]
    public async Task RetireSupersededAsync_NoGrace_RetiresOnlyCertificatesOlderThanTheCurrentOne()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var registry = new InMemoryThingRegistry(time);
        var older = await RegisterAsync(registry, "thing-2", [1]);
        var current = await RegisterAsync(registry, "thing-2", [2]);
        var newer = await RegisterAsync(registry, "thing-2", [3]);
        var rotation = new CertificateRotation(registry, new ProvisioningOptions(), time, new CapturingLogger<CertificateRotation>());

        var retired = await rotation.RetireSupersededAsync("thing-2", current, CancellationToken.None);

        // The newer one (a racing issuance) retires the current one in its own rotation, not here.
        Assert.Equal(1, retired);
        Assert.Equal(CertificateStatus.Revoked, registry.Certificates[older]);
        Assert.Equal(CertificateStatus.Active, registry.Certificates[current]);
        Assert.Equal(CertificateStatus.Active, registry.Certificates[newer]);
    }

    [Fact]
    public void Constructor_NegativeGracePeriod_Throws()
    {
        var options = new ProvisioningOptions { RotationGracePeriod = TimeSpan.FromSeconds(-1) };

        Assert.Throws<ArgumentOutOfRangeException>(() => new ProvisioningStack(options));
    }

    private static async Task<string> RegisterAsync(InMemoryThingRegistry registry, string thing, byte[] der)
    {
        var id = await registry.RegisterCertificateAsync(der, CancellationToken.None);
        await registry.EnsureThingAsync(thing, CancellationToken.None);
        await registry.AttachThingPrincipalAsync(thing, id, CancellationToken.None);
        return id;
    }
}
