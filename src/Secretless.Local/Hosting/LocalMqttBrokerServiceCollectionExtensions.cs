using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Local.Mqtt;
using Secretless.Local.Pki;
using Secretless.Local.Registry;

namespace Secretless.Local;

/// <summary>Wires the embedded MQTT broker (the local IoT endpoint) into a host.</summary>
public static class LocalMqttBrokerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LocalMqttBroker"/> as a singleton and a hosted service, so the host
    /// (e.g. <c>secretless serve</c>'s WebApplication) starts and stops it. It reads the SQLite
    /// registry and local PKI of <paramref name="dataDirectory"/>; the registry's
    /// <see cref="Secretless.Core.Registry.IThingRegistry"/> wiring is left as it is. When the host's
    /// registry is a region's (<see cref="LocalServiceCollectionExtensions.UseLocalRegionThingRegistry"/>,
    /// registered first) the broker enforces that region's registry and follows its status feed.
    /// Options are validated here, at start-up.
    /// </summary>
    public static IServiceCollection AddLocalMqttBroker(
        this IServiceCollection services,
        SecretlessDataDirectory dataDirectory,
        Action<LocalMqttBrokerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        LocalServiceCollectionExtensions.AddShared(services, dataDirectory, configure: null);
        LocalServiceCollectionExtensions.AddLocalPki(services);
        services.TryAddSingleton<SqliteThingRegistry>();

        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(LocalMqttBrokerOptions))?.ImplementationInstance as LocalMqttBrokerOptions;
        var options = existing ?? new LocalMqttBrokerOptions();
        configure?.Invoke(options);
        options.Validate();
        if (existing is not null)
        {
            return services; // already registered: only the options were updated
        }

        services.AddSingleton(options);
        services.AddSingleton(sp => new LocalMqttBroker(
            sp.GetRequiredService<LocalPki>(),
            sp.GetRequiredService<SqliteThingRegistry>(),
            sp.GetRequiredService<LocalMqttBrokerOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<LocalMqttBroker>>() ?? NullLogger<LocalMqttBroker>.Instance));
        services.AddHostedService(sp => sp.GetRequiredService<LocalMqttBroker>());
        return services;
    }
}
