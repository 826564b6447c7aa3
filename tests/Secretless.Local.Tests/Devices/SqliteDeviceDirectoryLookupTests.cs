using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Local.Devices;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Devices;

/// <summary>FindAsync on kept-open connections with the lookup prepared: always the current row.</summary>
public sealed class SqliteDeviceDirectoryLookupTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteDeviceDirectory _directory;

    public SqliteDeviceDirectoryLookupTests()
    {
        _directory = new SqliteDeviceDirectory(_environment.Database, _environment.Time);
    }

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task FindAsync_KeyReplacedAfterEarlierLookups_ReturnsNewKey()
    {
        var oldKey = TestKeys.NewP256();
        var newKey = TestKeys.NewP256();
        await _directory.ImportAsync([new DeviceImportEntry(1, "rotating", oldKey, KeyAlgorithm.EcdsaP256)], false, null, CancellationToken.None);
        Assert.Equal(oldKey, (await _directory.FindAsync("rotating", CancellationToken.None))!.PublicKey);

        // Written through another connection (the CLI's import): the idle lookup must not serve a stale snapshot.
        var writer = new SqliteDeviceDirectory(_environment.Database, _environment.Time);
        await writer.ImportAsync([new DeviceImportEntry(1, "rotating", newKey, KeyAlgorithm.EcdsaP256)], true, null, CancellationToken.None);
        await writer.SetStatusAsync("rotating", DeviceStatus.Disabled, CancellationToken.None);

        var found = await _directory.FindAsync("rotating", CancellationToken.None);
        Assert.Equal(newKey, found!.PublicKey);
        Assert.Equal(DeviceStatus.Disabled, found.Status);
    }

    [Fact]
    public async Task FindAsync_ManyConcurrentLookups_EachFindsItsOwnDevice()
    {
        var entries = TestKeys.Entries(500);
        await _directory.ImportAsync(entries, false, null, CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => Task.Run(async () =>
        {
            var entry = entries[(i * 7) % entries.Count];
            var found = await _directory.FindAsync(entry.DeviceId, CancellationToken.None);
            return found is not null && found.DeviceId == entry.DeviceId && found.PublicKey.AsSpan().SequenceEqual(entry.PublicKey);
        })));

        Assert.All(results, Assert.True);
        Assert.Null(await _directory.FindAsync("dev-999999", CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_Cancelled_ThrowsWithoutLookingUp()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _directory.FindAsync("any", cancelled.Token));
    }

    [Fact]
    public async Task FindAsync_DeviceIdWithSqlMetacharacters_TreatedAsPlainValue()
    {
        await _directory.ImportAsync(TestKeys.Entries(3), false, null, CancellationToken.None);

        Assert.Null(await _directory.FindAsync("dev-000001' OR '1'='1", CancellationToken.None));
        Assert.NotNull(await _directory.FindAsync("dev-000001", CancellationToken.None));
    }
}
