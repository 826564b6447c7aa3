using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Local.Devices;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Devices;

public sealed class SqliteDeviceDirectoryTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteDeviceDirectory _directory;

    public SqliteDeviceDirectoryTests()
    {
        _directory = new SqliteDeviceDirectory(_environment.Database, _environment.Time);
    }

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task ImportAsync_TenThousandNewEntries_StoresAllAndReportsProgress()
    {
        var entries = TestKeys.Entries(10_000);
        var reports = new List<int>();
        var progress = new SynchronousProgress(reports.Add);

        var result = await _directory.ImportAsync(entries, replaceExistingKeys: false, progress, CancellationToken.None);

        Assert.True(result.Committed);
        Assert.Equal(10_000, result.Inserted);
        Assert.Equal(0, result.Unchanged);
        Assert.Equal(10_000, await _directory.CountAsync(CancellationToken.None));
        Assert.Equal(10_000, reports[^1]);
        Assert.Contains(SqliteDeviceDirectory.ProgressInterval, reports);

        var found = await _directory.FindAsync("dev-004242", CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(entries[4242].PublicKey, found.PublicKey);
        Assert.Equal(KeyAlgorithm.EcdsaP256, found.KeyAlgorithm);
        Assert.Equal(DeviceStatus.Enabled, found.Status);
        Assert.Equal(_environment.Time.Now, found.CreatedAt);
    }

    [Fact]
    public async Task ImportAsync_OneConflictAmongTenThousand_StoresNothingAndNamesTheLine()
    {
        await _directory.ImportAsync([new DeviceImportEntry(1, "dev-007000", TestKeys.NewP256(), KeyAlgorithm.EcdsaP256)], false, null, CancellationToken.None);
        var entries = TestKeys.Entries(10_000);

        var result = await _directory.ImportAsync(entries, replaceExistingKeys: false, progress: null, CancellationToken.None);

        Assert.False(result.Committed);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(new DeviceImportConflict(7001, "dev-007000"), conflict);
        Assert.Equal(1, await _directory.CountAsync(CancellationToken.None));
        Assert.Null(await _directory.FindAsync("dev-000001", CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_SameEntriesAgain_LeavesEverythingUnchanged()
    {
        var entries = TestKeys.Entries(10_000);
        await _directory.ImportAsync(entries, false, null, CancellationToken.None);
        var before = await _directory.FindAsync("dev-000010", CancellationToken.None);
        _environment.Time.Advance(TimeSpan.FromHours(1));

        var result = await _directory.ImportAsync(entries, false, null, CancellationToken.None);

        Assert.True(result.Committed);
        Assert.Equal((0, 10_000, 0), (result.Inserted, result.Unchanged, result.Replaced));
        var after = await _directory.FindAsync("dev-000010", CancellationToken.None);
        Assert.Equal(before!.PublicKey, after!.PublicKey);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal(10_000, await _directory.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_DifferentKeyWithReplace_ReplacesKeyAndKeepsStatus()
    {
        var original = new DeviceImportEntry(1, "dev-a", TestKeys.NewP256(), KeyAlgorithm.EcdsaP256);
        await _directory.ImportAsync([original], false, null, CancellationToken.None);
        await _directory.SetStatusAsync("dev-a", DeviceStatus.Disabled, CancellationToken.None);
        _environment.Time.Advance(TimeSpan.FromMinutes(3));
        var newKey = TestKeys.NewP256();

        var result = await _directory.ImportAsync(
            [original with { PublicKey = newKey }, new DeviceImportEntry(2, "dev-b", TestKeys.NewP256(), KeyAlgorithm.EcdsaP256)],
            replaceExistingKeys: true,
            progress: null,
            CancellationToken.None);

        Assert.True(result.Committed);
        Assert.Equal((1, 0, 1), (result.Inserted, result.Unchanged, result.Replaced));
        var device = await _directory.FindAsync("dev-a", CancellationToken.None);
        Assert.Equal(newKey, device!.PublicKey);
        Assert.Equal(DeviceStatus.Disabled, device.Status);
        Assert.Equal(_environment.Time.Now, device.UpdatedAt);
        Assert.True(device.CreatedAt < device.UpdatedAt);
    }

    [Fact]
    public async Task ImportAsync_CancelledMidway_StoresNothing()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(_ => cancellation.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _directory.ImportAsync(TestKeys.Entries(25_000), false, progress, cancellation.Token));

        Assert.Equal(0, await _directory.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SetStatusAsync_ExistingAndUnknownDevice_UpdatesOnlyExisting()
    {
        await _directory.ImportAsync(TestKeys.Entries(2), false, null, CancellationToken.None);

        Assert.True(await _directory.SetStatusAsync("dev-000001", DeviceStatus.Disabled, CancellationToken.None));
        Assert.False(await _directory.SetStatusAsync("nope", DeviceStatus.Disabled, CancellationToken.None));

        Assert.Equal(DeviceStatus.Disabled, (await _directory.FindAsync("dev-000001", CancellationToken.None))!.Status);
        Assert.Equal(DeviceStatus.Enabled, (await _directory.FindAsync("dev-000000", CancellationToken.None))!.Status);
        Assert.True(await _directory.SetStatusAsync("dev-000001", DeviceStatus.Enabled, CancellationToken.None));
        Assert.Equal(DeviceStatus.Enabled, (await _directory.FindAsync("dev-000001", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ListAsync_PagesThroughAllDevicesInIdOrder()
    {
        await _directory.ImportAsync(TestKeys.Entries(250), false, null, CancellationToken.None);
        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await _directory.ListAsync(after, 100, CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 100);
            seen.AddRange(page.Select(device => device.DeviceId));
            after = page[^1].DeviceId;
        }

        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"dev-{i:D6}"), seen);
    }

    [Fact]
    public async Task FindAsync_UnknownDevice_ReturnsNull()
    {
        Assert.Null(await _directory.FindAsync("missing", CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_AfterReopeningTheDatabase_StillFindsImportedDevice()
    {
        var entry = new DeviceImportEntry(1, "persisted", TestKeys.NewP256(), KeyAlgorithm.Rsa);
        await _directory.ImportAsync([entry], false, null, CancellationToken.None);

        var reopened = new SqliteDeviceDirectory(Secretless.Local.Storage.SqliteDatabase.Open(_environment.DataDirectory), _environment.Time);
        var found = await reopened.FindAsync("persisted", CancellationToken.None);

        Assert.Equal(entry.PublicKey, found!.PublicKey);
        Assert.Equal(KeyAlgorithm.Rsa, found.KeyAlgorithm);
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
