using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Core.Issuance;
using Secretless.Core.Provisioning;
using Secretless.Core.Registry;
using Secretless.Core.Tests.TestDoubles;

namespace Secretless.Core.Tests.Provisioning;

public sealed class CertificateRegistrarTests
{
    private static readonly IssuedCertificate Issued = new(
        [0x30, 0x03, 0x02, 0x01, 0x01],
        [[0x30, 0x03, 0x02, 0x01, 0x02]],
        "01",
        new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        "test:01");

    private readonly ProvisioningOptions _options = new() { PolicyName = "product-line" };

    [Fact]
    public async Task RegisterAsync_AtomicRegistry_OneCallWithEverythingAndNoGranularWrites()
    {
        var registry = new AtomicInMemoryThingRegistry();
        var registrar = new CertificateRegistrar(registry, _options, NullLogger.Instance);

        var answer = await registrar.RegisterAsync("dev-1", Issued, resumed: false, CancellationToken.None);

        var registration = Assert.Single(registry.Registrations);
        Assert.Equal("dev-1", registration.ThingName);
        Assert.Equal(Issued.CertificateDer, registration.CertificateDer);
        Assert.Equal("product-line", registration.PolicyName);
        Assert.Equal(ProductLinePolicy.DefaultDocument, registration.PolicyDocument);
        Assert.False(registration.Reactivate);
        Assert.Equal(0, registry.Inner.RegisterCalls);
        Assert.Equal(CertificateStatus.Active, registry.Inner.Certificates[answer.CertificateId]);
        Assert.Equal("localhost:8883", answer.Endpoint);
    }

    [Fact]
    public async Task RegisterAsync_AtomicRegistryResumed_AsksToReactivate()
    {
        var registry = new AtomicInMemoryThingRegistry();
        var registrar = new CertificateRegistrar(registry, _options, NullLogger.Instance);
        var first = await registrar.RegisterAsync("dev-2", Issued, resumed: false, CancellationToken.None);
        registry.Inner.Certificates[first.CertificateId] = CertificateStatus.Inactive;

        await registrar.RegisterAsync("dev-2", Issued, resumed: true, CancellationToken.None);

        Assert.True(registry.Registrations[^1].Reactivate);
        Assert.Equal(CertificateStatus.Active, registry.Inner.Certificates[first.CertificateId]);
    }

    [Fact]
    public async Task RegisterAsync_AtomicRegistryFails_PropagatesAndDeactivatesNothing()
    {
        var registry = new AtomicInMemoryThingRegistry { Failure = new TimeoutException("registry down") };
        var registrar = new CertificateRegistrar(registry, _options, NullLogger.Instance);

        await Assert.ThrowsAsync<TimeoutException>(() => registrar.RegisterAsync("dev-3", Issued, resumed: false, CancellationToken.None));

        Assert.Empty(registry.Inner.Certificates);
        Assert.Empty(registry.Inner.Things);
    }

    [Fact]
    public async Task RegisterAsync_GranularRegistryStepFails_CertificateLeftInactive()
    {
        var registry = new InMemoryThingRegistry { FailOnce = "AttachThingPrincipal", Failure = new TimeoutException("registry down") };
        var registrar = new CertificateRegistrar(registry, _options, NullLogger.Instance);

        await Assert.ThrowsAsync<TimeoutException>(() => registrar.RegisterAsync("dev-4", Issued, resumed: false, CancellationToken.None));

        Assert.Equal(CertificateStatus.Inactive, Assert.Single(registry.Certificates).Value);
    }
}
