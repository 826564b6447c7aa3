using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Secretless.Core;
using Secretless.Core.Delivery;
using Secretless.Server.Endpoints;
using Secretless.Server.Hosting;
using Secretless.Server.Metrics;

namespace Secretless.Server;

/// <summary>Registers what the HTTP host adds on top of the core and the backends.</summary>
public static class ServerServiceCollectionExtensions
{
    public static IServiceCollection AddSecretlessServer(this IServiceCollection services, SecretlessServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var urls = options.Validate();

        // TryAdd: a host that already added the core with its own options keeps them.
        services.AddSecretlessCore();
        services.AddSecretlessLatentDelivery(latent =>
        {
            latent.Mode = options.LatentDelivery.Mode;
            latent.Deadline = options.LatentDelivery.Deadline;
            latent.UrlLifetime = options.LatentDelivery.UrlLifetime;
            latent.RetryAfter = options.LatentDelivery.RetryAfter;
        });
        services.AddRoutingCore();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<ProvisioningMetrics>();
        services.AddSingleton<ProvisioningHandler>();
        services.AddSingleton<ReadinessProbe>();
        services.AddHostedService<IssuanceResumeService>();
        services.AddHostedService<PayloadCleanupService>();
        services.AddHostedService<SupersededCertificateSweepService>();
        // Created on first use (when Kestrel binds an https:// endpoint), after the backends exist.
        services.AddSingleton(provider => ServerTlsIdentity.Create(options, urls, provider));
        return services;
    }
}
