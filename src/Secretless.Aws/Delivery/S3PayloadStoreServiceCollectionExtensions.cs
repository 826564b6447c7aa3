using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Core.Delivery;

namespace Secretless.Aws.Delivery;

/// <summary>Selects S3 as the <see cref="IPayloadStore"/> backend (latent delivery).</summary>
public static class S3PayloadStoreServiceCollectionExtensions
{
    /// <summary>Key of the store's own <see cref="IAmazonS3"/> client, so other S3 users keep theirs.</summary>
    public const string S3ClientServiceKey = "Secretless.PayloadStore.S3";

    /// <summary>
    /// Registers <see cref="S3PayloadStore"/> as the only <see cref="IPayloadStore"/>, replacing any
    /// earlier one. Options are validated here, at start-up: an <see cref="ArgumentException"/>
    /// lists every SL40xx problem.
    /// </summary>
    public static IServiceCollection UseS3PayloadStore(this IServiceCollection services, Action<S3PayloadStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new S3PayloadStoreOptions();
        configure(options);
        options.ThrowIfInvalid();

        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<S3PayloadStoreOptions>();
        services.AddSingleton(options);
        services.RemoveAllKeyed<IAmazonS3>(S3ClientServiceKey);
        services.AddKeyedSingleton<IAmazonS3>(S3ClientServiceKey, (_, _) => S3PayloadStoreClientFactory.Create(options));
        services.RemoveAll<IPayloadStore>();
        services.AddSingleton<IPayloadStore>(sp => new S3PayloadStore(
            sp.GetRequiredKeyedService<IAmazonS3>(S3ClientServiceKey),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<S3PayloadStore>>() ?? NullLogger<S3PayloadStore>.Instance));
        return services;
    }
}
