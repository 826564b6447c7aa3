using Amazon.DynamoDBv2.Model;
using Secretless.Aws.DynamoDb;
using Secretless.Core.Devices;
using Secretless.Core.Keys;

namespace Secretless.Aws.Tests.DynamoDb;

[Collection(DynaliteGroup.Name)]
public sealed class DynamoDbDeviceImportTests
{
    private readonly DynaliteProcess _dynalite;
    private readonly SettableTimeProvider _time = new();
    private readonly DynamoDbDeviceDirectory _directory;

    public DynamoDbDeviceImportTests(DynaliteProcess dynalite)
    {
        _dynalite = dynalite;
        _directory = DynaliteProcess.CreateDirectory(dynalite.DirectoryOptions(DynaliteProcess.NewTableName("import")), _time);
    }

    [Fact]
    public async Task ImportAsync_ThousandNewEntries_StoresAllAndReportsProgress()
    {
        var entries = DynamoDbTestKeys.Entries(1_000);
        var progress = new ListProgress();

        var result = await _directory.ImportAsync(entries, replaceExistingKeys: false, progress, CancellationToken.None);

        Assert.True(result.Committed);
        Assert.Equal((1_000, 0, 0), (result.Inserted, result.Unchanged, result.Replaced));
        Assert.Equal(1_000, await _directory.CountAsync(CancellationToken.None));
        var reports = progress.Reports;
        Assert.Equal(1_000, reports[^1]);
        Assert.True(reports.Count >= 1_000 / DynamoDbDeviceDirectoryOptions.MaxItemsPerBatchWrite, $"only {reports.Count} reports");
        Assert.Equal(reports.Order(), reports);

        var found = await _directory.FindAsync("dev-000424", CancellationToken.None);
        Assert.Equal(entries[424].PublicKey, found!.PublicKey);
        Assert.Equal(KeyAlgorithm.EcdsaP256, found.KeyAlgorithm);
        Assert.Equal(DeviceStatus.Enabled, found.Status);
        Assert.Equal(_time.Now, found.CreatedAt);
    }

    [Fact]
    public async Task ImportAsync_ConflictsAmongThousand_ReportsAllAndWritesNothing()
    {
        await _directory.ImportAsync(
            [
                new DeviceImportEntry(1, "dev-000700", DynamoDbTestKeys.NewP256(), KeyAlgorithm.EcdsaP256),
                new DeviceImportEntry(2, "dev-000007", DynamoDbTestKeys.NewP256(), KeyAlgorithm.EcdsaP256),
            ],
            false,
            null,
            CancellationToken.None);
        var entries = DynamoDbTestKeys.Entries(1_000);

        var result = await _directory.ImportAsync(entries, replaceExistingKeys: false, progress: null, CancellationToken.None);

        Assert.False(result.Committed);
        Assert.Equal([new DeviceImportConflict(8, "dev-000007"), new DeviceImportConflict(701, "dev-000700")], result.Conflicts);
        Assert.Equal((0, 0, 0), (result.Inserted, result.Unchanged, result.Replaced));
        Assert.Equal(2, await _directory.CountAsync(CancellationToken.None));
        Assert.Null(await _directory.FindAsync("dev-000001", CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_SameEntriesAgain_LeavesEverythingUnchanged()
    {
        var entries = DynamoDbTestKeys.Entries(300);
        await _directory.ImportAsync(entries, false, null, CancellationToken.None);
        var before = await _directory.FindAsync("dev-000010", CancellationToken.None);
        _time.Now = _time.Now.AddHours(1);
        var progress = new ListProgress();

        var result = await _directory.ImportAsync(entries, false, progress, CancellationToken.None);

        Assert.True(result.Committed);
        Assert.Equal((0, 300, 0), (result.Inserted, result.Unchanged, result.Replaced));
        var after = await _directory.FindAsync("dev-000010", CancellationToken.None);
        Assert.Equal(before!.PublicKey, after!.PublicKey);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal(300, await _directory.CountAsync(CancellationToken.None));
        Assert.Equal(300, progress.Reports[^1]);
    }

    [Fact]
    public async Task ImportAsync_DifferentKeyWithReplace_ReplacesKeyAndKeepsStatusAndCreatedAt()
    {
        var original = new DeviceImportEntry(1, "dev-a", DynamoDbTestKeys.NewP256(), KeyAlgorithm.EcdsaP256);
        await _directory.ImportAsync([original], false, null, CancellationToken.None);
        await _directory.SetStatusAsync("dev-a", DeviceStatus.Disabled, CancellationToken.None);
        var createdAt = _time.Now;
        _time.Now = _time.Now.AddMinutes(3);
        var newKey = DynamoDbTestKeys.NewP256();

        var result = await _directory.ImportAsync(
            [original with { PublicKey = newKey }, new DeviceImportEntry(2, "dev-b", DynamoDbTestKeys.NewP256(), KeyAlgorithm.EcdsaP256)],
            replaceExistingKeys: true,
            progress: null,
            CancellationToken.None);

        Assert.True(result.Committed);
        Assert.Equal((1, 0, 1), (result.Inserted, result.Unchanged, result.Replaced));
        var device = await _directory.FindAsync("dev-a", CancellationToken.None);
        Assert.Equal(newKey, device!.PublicKey);
        Assert.Equal(DeviceStatus.Disabled, device.Status);
        Assert.Equal(_time.Now, device.UpdatedAt);
        Assert.Equal(createdAt, device.CreatedAt);
    }

    [Fact]
    public async Task ImportAsync_SameDeviceTwiceInOneImport_SameKeyUnchangedOtherKeyConflict()
    {
        var key = DynamoDbTestKeys.NewP256();
        var sameTwice = await _directory.ImportAsync(
            [new DeviceImportEntry(1, "dup", key, KeyAlgorithm.EcdsaP256), new DeviceImportEntry(2, "dup", key, KeyAlgorithm.EcdsaP256)],
            false,
            null,
            CancellationToken.None);
        var otherKey = await _directory.ImportAsync(
            [new DeviceImportEntry(1, "dup2", key, KeyAlgorithm.EcdsaP256), new DeviceImportEntry(2, "dup2", DynamoDbTestKeys.NewP256(), KeyAlgorithm.EcdsaP256)],
            replaceExistingKeys: true,
            null,
            CancellationToken.None);

        Assert.Equal((1, 1, 0), (sameTwice.Inserted, sameTwice.Unchanged, sameTwice.Replaced));
        Assert.Equal([new DeviceImportConflict(2, "dup2")], otherKey.Conflicts);
        Assert.Null(await _directory.FindAsync("dup2", CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_ExistingItemWithUndecodableKey_IsAConflictUnlessReplaced()
    {
        var table = DynaliteProcess.NewTableName("undecodable");
        var directory = DynaliteProcess.CreateDirectory(_dynalite.DirectoryOptions(table), _time);
        await directory.CountAsync(CancellationToken.None); // creates the table
        using var raw = _dynalite.CreateClient();
        await raw.PutItemAsync(table, new Dictionary<string, AttributeValue>
        {
            ["device-id"] = new() { S = "garbled" },
            ["pubkey"] = new() { S = "bm90IGEga2V5" },
        });
        var entry = new DeviceImportEntry(1, "garbled", DynamoDbTestKeys.NewP256(), KeyAlgorithm.EcdsaP256);

        var refused = await directory.ImportAsync([entry], false, null, CancellationToken.None);
        var replaced = await directory.ImportAsync([entry], true, null, CancellationToken.None);

        Assert.Equal([new DeviceImportConflict(1, "garbled")], refused.Conflicts);
        Assert.Equal(1, replaced.Replaced);
        Assert.Equal(entry.PublicKey, (await directory.FindAsync("garbled", CancellationToken.None))!.PublicKey);
    }

    [Fact]
    public async Task ImportAsync_EntryWithoutKey_ThrowsBeforeWritingAnything()
    {
        var entries = DynamoDbTestKeys.Entries(10);
        entries.Add(new DeviceImportEntry(11, "no-key", [], KeyAlgorithm.EcdsaP256));

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _directory.ImportAsync(entries, false, null, CancellationToken.None));

        Assert.Contains("Line 11", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _directory.CountAsync(CancellationToken.None));
    }
}
