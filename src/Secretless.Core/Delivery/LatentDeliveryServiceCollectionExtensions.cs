using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Delivery;

/// <summary>Registers latent delivery and the issuance resumer over the core provisioner.</summary>
public static class LatentDeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LatentDelivery"/> (uses the registered <see cref="IPayloadStore"/>, if any)
    /// and <see cref="IssuanceResumer"/>. Options are validated here, at start-up. The core
    /// (<c>AddSecretlessCore</c>) must be added too.
    /// </summary>
    public static IServiceCollection AddSecretlessLatentDelivery(
        this IServiceCollection services,
        Action<LatentDeliveryOptions>? configure = null,
        Action<IssuanceResumeOptions>? configureResume = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new LatentDeliveryOptions();
        configure?.Invoke(options);
        options.Validate();
        var resumeOptions = new IssuanceResumeOptions();
        configureResume?.Invoke(resumeOptions);
        resumeOptions.Validate();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(resumeOptions);
        services.TryAddSingleton(sp => new LatentDelivery(
            sp.GetRequiredService<DeviceProvisioner>(),
            sp.GetRequiredService<LatentDeliveryOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LatentDelivery>>(),
            sp.GetService<IPayloadStore>()));
        services.TryAddSingleton<IssuanceResumer>();
        return services;
    }
}
