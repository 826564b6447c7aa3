using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Aws.Http;
using Secretless.Core.Registry;

namespace Secretless.Aws.Iot;

/// <summary>Selects AWS IoT Core as the <see cref="IThingRegistry"/> backend.</summary>
public static class IotCoreThingRegistryServiceCollectionExtensions
{
    /// <summary>Key of the registry's own IoT transport, separate from the CA's.</summary>
    public const string ClientServiceKey = "Secretless.Registry.IotCore";

    /// <summary>
    /// Registers <see cref="IotCoreThingRegistry"/> as the only <see cref="IThingRegistry"/>, replacing
    /// any earlier one. Options are validated here: an <see cref="ArgumentException"/> lists every SL43xx problem.
    /// </summary>
    public static IServiceCollection UseIotCoreThingRegistry(this IServiceCollection services, Action<IotCoreThingRegistryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new IotCoreThingRegistryOptions();
        configure(options);
        options.ThrowIfInvalid();

        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<IotCoreThingRegistryOptions>();
        services.AddSingleton(options);
        services.RemoveAllKeyed<AwsServiceClient>(ClientServiceKey);
        services.AddKeyedSingleton(ClientServiceKey, (sp, _) => IotCoreClientFactory.Create(
            options.Region, options.ServiceUrl, options.Credentials, options.MaxAttempts,
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<AwsServiceClient>>()));
        services.RemoveAll<IThingRegistry>();
        services.AddSingleton<IThingRegistry>(sp => new IotCoreThingRegistry(
            new IotClient(sp.GetRequiredKeyedService<AwsServiceClient>(ClientServiceKey)),
            options,
            sp.GetService<ILogger<IotCoreThingRegistry>>() ?? NullLogger<IotCoreThingRegistry>.Instance));
        return services;
    }
}
