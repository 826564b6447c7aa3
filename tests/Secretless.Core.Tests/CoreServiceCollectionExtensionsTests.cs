using Microsoft.Extensions.DependencyInjection;
using Secretless.Core.Issuance;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Tests;

public sealed class CoreServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSecretlessCore_Configured_RegistersSingletonsWithOptions()
    {
        var services = new ServiceCollection();

        services.AddSecretlessCore(o => o.Validity = TimeSpan.FromDays(30));

        var options = Assert.IsType<ProvisioningOptions>(
            services.Single(d => d.ServiceType == typeof(ProvisioningOptions)).ImplementationInstance);
        Assert.Equal(TimeSpan.FromDays(30), options.Validity);
        Assert.Same(TimeProvider.System, services.Single(d => d.ServiceType == typeof(TimeProvider)).ImplementationInstance);
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(DeviceProvisioner)).Lifetime);
        Assert.Single(services, d => d.ServiceType == typeof(CertificateProfileFactory));
    }

    [Fact]
    public void AddSecretlessCore_TimeProviderAlreadyRegistered_Kept()
    {
        var services = new ServiceCollection();
        var fake = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(fake);

        services.AddSecretlessCore(null);

        Assert.Same(fake, services.Single(d => d.ServiceType == typeof(TimeProvider)).ImplementationInstance);
    }

    [Fact]
    public void AddSecretlessCore_EmptyPolicyName_Throws() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSecretlessCore(o => o.PolicyName = " "));
}
