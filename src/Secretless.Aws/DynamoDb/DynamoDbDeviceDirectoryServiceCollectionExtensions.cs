using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Core.Devices;

namespace Secretless.Aws.DynamoDb;

/// <summary>Selects DynamoDB as the <see cref="IDeviceDirectory"/> backend.</summary>
public static class DynamoDbDeviceDirectoryServiceCollectionExtensions
{
    /// <summary>Key of the directory's own <see cref="IAmazonDynamoDB"/> client, so the ledger (maybe another account or endpoint) keeps its own.</summary>
    public const string DynamoDbClientServiceKey = "Secretless.Directory.DynamoDb";

    /// <summary>
    /// Registers <see cref="DynamoDbDeviceDirectory"/> as the only <see cref="IDeviceDirectory"/>,
    /// replacing any earlier one. Options are validated here, at start-up: an
    /// <see cref="ArgumentException"/> lists every SL410x/SL411x problem.
    /// </summary>
    public static IServiceCollection UseDynamoDbDeviceDirectory(this IServiceCollection services, Action<DynamoDbDeviceDirectoryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DynamoDbDeviceDirectoryOptions();
        configure(options);
        options.ThrowIfInvalid();

        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<DynamoDbDeviceDirectoryOptions>();
        services.AddSingleton(options);
        services.RemoveAllKeyed<IAmazonDynamoDB>(DynamoDbClientServiceKey);
        services.AddKeyedSingleton<IAmazonDynamoDB>(DynamoDbClientServiceKey, (_, _) => DynamoDbClientFactory.Create(options));
        services.RemoveAll<IDeviceDirectory>();
        services.AddSingleton<IDeviceDirectory>(sp => new DynamoDbDeviceDirectory(
            sp.GetRequiredKeyedService<IAmazonDynamoDB>(DynamoDbClientServiceKey),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<DynamoDbDeviceDirectory>>() ?? NullLogger<DynamoDbDeviceDirectory>.Instance));
        return services;
    }
}
