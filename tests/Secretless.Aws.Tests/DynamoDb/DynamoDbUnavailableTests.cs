using Secretless.Aws.DynamoDb;
using Secretless.Core.Errors;
using Secretless.Core.Issuance;

namespace Secretless.Aws.Tests.DynamoDb;

/// <summary>Throttling and unprocessed batch items, injected by a proxy in front of a real dynalite.</summary>
[Collection(DynaliteGroup.Name)]
public sealed class DynamoDbUnavailableTests(DynaliteProcess dynalite) : IAsyncLifetime
{
    private DynamoDbFaultProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await DynamoDbFaultProxy.StartAsync(dynalite.ServiceUrl);

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task FindAsync_ThrottledBeyondSdkRetries_ThrowsBackendUnavailableWithRetryAfter()
    {
        var options = ProxiedDirectoryOptions("throttled-find");
        options.MaxAttempts = 2;
        options.UnavailableRetryAfter = TimeSpan.FromSeconds(7);
        var directory = DynaliteProcess.CreateDirectory(options);
        await directory.CountAsync(CancellationToken.None); // the table exists before GetItem fails
        _proxy.Fail("GetItem", DynamoDbFault.Throttle);

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(
            async () => await directory.FindAsync("dev-1", CancellationToken.None));

        Assert.Equal("dynamodb", error.Backend);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Contains("ProvisionedThroughputExceededException", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _proxy.Calls("GetItem"));
    }

    [Fact]
    public async Task BeginAsync_Throttled_ThrowsBackendUnavailable()
    {
        var table = DynaliteProcess.NewTableName("throttled-ledger");
        var options = dynalite.LedgerOptions(table);
        options.ServiceUrl = _proxy.ServiceUrl;
        options.MaxAttempts = 1;
        var ledger = new DynamoDbIssuanceLedger(
            DynamoDbClientFactory.Create(options), options, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DynamoDbIssuanceLedger>.Instance);
        _proxy.Fail("PutItem", DynamoDbFault.Throttle);

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(
            () => ledger.BeginAsync(new IssuanceKey("dev-1", new string('a', 64)), DateTimeOffset.UnixEpoch, CancellationToken.None));

        Assert.Equal("dynamodb", error.Backend);
    }

    [Fact]
    public async Task ImportAsync_UnprocessedItemsTwice_RetriesAndStoresEverything()
    {
        var directory = DynaliteProcess.CreateDirectory(ProxiedDirectoryOptions("unprocessed"));
        _proxy.Fail("BatchWriteItem", DynamoDbFault.UnprocessedItems, passFirst: 0, count: 2);

        var result = await directory.ImportAsync(DynamoDbTestKeys.Entries(100), false, null, CancellationToken.None);

        Assert.Equal(100, result.Inserted);
        Assert.Equal(100, await directory.CountAsync(CancellationToken.None));
        Assert.Equal(4 + 2, _proxy.Calls("BatchWriteItem"));
    }

    [Fact]
    public async Task ImportAsync_AlwaysUnprocessed_GivesUpAfterMaxBatchAttempts()
    {
        var options = ProxiedDirectoryOptions("never-processed");
        options.MaxBatchAttempts = 3;
        var directory = DynaliteProcess.CreateDirectory(options);
        _proxy.Fail("BatchWriteItem", DynamoDbFault.UnprocessedItems);

        var error = await Assert.ThrowsAsync<DynamoDbImportIncompleteException>(
            () => directory.ImportAsync(DynamoDbTestKeys.Entries(30), false, null, CancellationToken.None));

        Assert.Equal((0, 30), (error.Written, error.ToWrite));
        Assert.IsType<BackendUnavailableException>(error.InnerException);
        Assert.Equal(3, _proxy.Calls("BatchWriteItem"));
    }

    [Fact]
    public async Task ImportAsync_ThrottledMidway_SaysHowManyWereWrittenAndRerunFinishes()
    {
        var options = ProxiedDirectoryOptions("midway");
        options.MaxAttempts = 1;
        var directory = DynaliteProcess.CreateDirectory(options);
        var entries = DynamoDbTestKeys.Entries(300);
        _proxy.Fail("BatchWriteItem", DynamoDbFault.Throttle, passFirst: 4);

        var error = await Assert.ThrowsAsync<DynamoDbImportIncompleteException>(
            () => directory.ImportAsync(entries, false, null, CancellationToken.None));
        _proxy.Fail("none", DynamoDbFault.None);
        var rerun = await directory.ImportAsync(entries, false, null, CancellationToken.None);

        Assert.Equal((100, 300), (error.Written, error.ToWrite));
        Assert.Contains("re-run", error.Message, StringComparison.Ordinal);
        Assert.IsType<BackendUnavailableException>(error.InnerException);
        Assert.Equal((200, 100, 0), (rerun.Inserted, rerun.Unchanged, rerun.Replaced));
        Assert.Equal(300, await directory.CountAsync(CancellationToken.None));
    }

    /// <summary>One batch in flight, so "the first N calls succeed" means exactly N×25 items.</summary>
    private DynamoDbDeviceDirectoryOptions ProxiedDirectoryOptions(string purpose)
    {
        var options = dynalite.DirectoryOptions(DynaliteProcess.NewTableName(purpose));
        options.ServiceUrl = _proxy.ServiceUrl;
        options.ImportParallelism = 1;
        options.BatchRetryBaseDelay = TimeSpan.FromMilliseconds(1);
        return options;
    }
}
