using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Core.Issuance;

namespace Secretless.Aws.DynamoDb;

/// <summary>Selects DynamoDB as the <see cref="IIssuanceLedger"/> backend.</summary>
public static class DynamoDbIssuanceLedgerServiceCollectionExtensions
{
    /// <summary>Key of the ledger's own <see cref="IAmazonDynamoDB"/> client.</summary>
    public const string DynamoDbClientServiceKey = "Secretless.Ledger.DynamoDb";

    /// <summary>
    /// Registers <see cref="DynamoDbIssuanceLedger"/> as the only <see cref="IIssuanceLedger"/>,
    /// replacing any earlier one. Options are validated here, at start-up: an
    /// <see cref="ArgumentException"/> lists every SL412x/SL413x problem.
    /// </summary>
    public static IServiceCollection UseDynamoDbIssuanceLedger(this IServiceCollection services, Action<DynamoDbIssuanceLedgerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DynamoDbIssuanceLedgerOptions();
        configure(options);
        options.ThrowIfInvalid();

        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<DynamoDbIssuanceLedgerOptions>();
        services.AddSingleton(options);
        services.RemoveAllKeyed<IAmazonDynamoDB>(DynamoDbClientServiceKey);
        services.AddKeyedSingleton<IAmazonDynamoDB>(DynamoDbClientServiceKey, (_, _) => DynamoDbClientFactory.Create(options));
        services.RemoveAll<IIssuanceLedger>();
        services.AddSingleton<IIssuanceLedger>(sp => new DynamoDbIssuanceLedger(
            sp.GetRequiredKeyedService<IAmazonDynamoDB>(DynamoDbClientServiceKey),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<DynamoDbIssuanceLedger>>() ?? NullLogger<DynamoDbIssuanceLedger>.Instance));
        return services;
    }
}
