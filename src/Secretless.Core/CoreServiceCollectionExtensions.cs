using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Secretless.Core.Issuance;
using Secretless.Core.Provisioning;

namespace Secretless.Core;

/// <summary>Registers the core: options, clock, profile factory and the provisioner.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the core services. Backends (directory, CA, registry, ledger) are registered by their
    /// own <c>Use…()</c>/<c>Add…()</c> calls. The provisioner is a singleton because its
    /// per-request issuance locks must be shared by all requests.
    /// </summary>
    public static IServiceCollection AddSecretlessCore(
        this IServiceCollection services,
        Action<ProvisioningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = new ProvisioningOptions();
        configure?.Invoke(options);
        if (options.Validity <= TimeSpan.Zero)
        {
            throw new ArgumentException("Secretless: ProvisioningOptions.Validity must be positive.", nameof(configure));
        }

        if (string.IsNullOrWhiteSpace(options.PolicyName))
        {
            throw new ArgumentException("Secretless: ProvisioningOptions.PolicyName must not be empty.", nameof(configure));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new CertificateProfileFactory(
            sp.GetRequiredService<ProvisioningOptions>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<DeviceProvisioner>();
        return services;
    }
}
