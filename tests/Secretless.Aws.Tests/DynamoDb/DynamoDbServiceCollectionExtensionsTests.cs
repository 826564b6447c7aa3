using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Aws.DynamoDb;
using Secretless.Core.Devices;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;

namespace Secretless.Aws.Tests.DynamoDb;

[Collection(DynaliteGroup.Name)]
public sealed class DynamoDbServiceCollectionExtensionsTests(DynaliteProcess dynalite)
{
    [Fact]
    public void UseDynamoDbDeviceDirectory_InvalidOptions_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.UseDynamoDbDeviceDirectory(options => options.MaxAttempts = 0));

        Assert.Contains("SL4101", error.Message, StringComparison.Ordinal);
        Assert.Contains("SL4108", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Fact]
    public void UseDynamoDbIssuanceLedger_InvalidOptions_ThrowsAtRegistration()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().UseDynamoDbIssuanceLedger(_ => { }));

        Assert.StartsWith("SL4121", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseBoth_ResolvedFromContainer_WorkAgainstDynaliteWithTheirOwnClients()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDeviceDirectory>(_ => throw new InvalidOperationException("replaced"));
        services.UseDynamoDbDeviceDirectory(options => Copy(dynalite.DirectoryOptions(DynaliteProcess.NewTableName("di-devices")), options));
        services.UseDynamoDbIssuanceLedger(options =>
        {
            var source = dynalite.LedgerOptions(DynaliteProcess.NewTableName("di-ledger"));
            options.TableName = source.TableName;
            options.ServiceUrl = source.ServiceUrl;
            options.Credentials = source.Credentials;
            options.CreateTableIfMissing = true;
        });
        await using var provider = services.BuildServiceProvider();

        var directory = Assert.IsType<DynamoDbDeviceDirectory>(provider.GetRequiredService<IDeviceDirectory>());
        var ledger = Assert.IsType<DynamoDbIssuanceLedger>(provider.GetRequiredService<IIssuanceLedger>());
        await directory.ImportAsync([new DeviceImportEntry(1, "di-dev", DynamoDbTestKeys.NewP256(), KeyAlgorithm.EcdsaP256)], false, null, CancellationToken.None);
        var key = new IssuanceKey("di-dev", new string('e', 64));
        await ledger.BeginAsync(key, DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.NotNull(await directory.FindAsync("di-dev", CancellationToken.None));
        Assert.NotNull(await ledger.FindAsync(key, CancellationToken.None));
        Assert.NotSame(
            provider.GetRequiredKeyedService<IAmazonDynamoDB>(DynamoDbDeviceDirectoryServiceCollectionExtensions.DynamoDbClientServiceKey),
            provider.GetRequiredKeyedService<IAmazonDynamoDB>(DynamoDbIssuanceLedgerServiceCollectionExtensions.DynamoDbClientServiceKey));
    }

    private static void Copy(DynamoDbDeviceDirectoryOptions source, DynamoDbDeviceDirectoryOptions target)
    {
        target.TableName = source.TableName;
        target.ServiceUrl = source.ServiceUrl;
        target.Credentials = source.Credentials;
        target.CreateTableIfMissing = true;
    }
}
