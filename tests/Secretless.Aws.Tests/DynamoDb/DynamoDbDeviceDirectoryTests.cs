using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Secretless.Aws.DynamoDb;
using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.TestSupport;

namespace Secretless.Aws.Tests.DynamoDb;

[Collection(DynaliteGroup.Name)]
public sealed class DynamoDbDeviceDirectoryTests : IDisposable
{
    private readonly DynaliteProcess _dynalite;
    private readonly TemporaryDirectory _temp = new("secretless-dynamodb");
    private readonly AmazonDynamoDBClient _raw;
    private readonly SettableTimeProvider _time = new();

    public DynamoDbDeviceDirectoryTests(DynaliteProcess dynalite)
    {
        _dynalite = dynalite;
        _raw = dynalite.CreateClient();
    }

    public void Dispose()
    {
        _raw.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData(TestKeyKind.EcP256, KeyAlgorithm.EcdsaP256)]
    [InlineData(TestKeyKind.EcP384, KeyAlgorithm.EcdsaP384)]
    [InlineData(TestKeyKind.Rsa2048, KeyAlgorithm.Rsa)]
    public async Task FindAsync_TableWrittenByReferenceSample_ReturnsOpenSslKeyAsEnabled(TestKeyKind kind, KeyAlgorithm algorithm)
    {
        var device = await DeviceKeyFixture.CreateAsync(_temp, "sample-device-1", kind);
        var table = await CreateSampleTableAsync();
        // Exactly what the sample's import script stores: base64 -w0 of the openssl PEM file, nothing else.
        await PutRawItemAsync(table, device.DeviceId, Convert.ToBase64String(await File.ReadAllBytesAsync(device.PublicKeyPemPath)));
        var directory = DynaliteProcess.CreateDirectory(ExistingTableOptions(table));

        var found = await directory.FindAsync(device.DeviceId, CancellationToken.None);

        Assert.NotNull(found);
        Assert.True(PublicKeyNormalizer.TryNormalize(device.PublicKeySpkiDer, out var expected, out _));
        Assert.Equal(expected.SpkiDer, found.PublicKey);
        Assert.Equal(device.PublicKeySpkiDer, found.PublicKey);
        Assert.Equal(algorithm, found.KeyAlgorithm);
        Assert.Equal(DeviceStatus.Enabled, found.Status);
        Assert.Equal(DateTimeOffset.UnixEpoch, found.CreatedAt);
    }

    [Fact]
    public async Task FindAsync_PubkeyStoredAsPemOrBase64Der_ReadsTheSameKey()
    {
        var device = await DeviceKeyFixture.CreateAsync(_temp, "pem-device", TestKeyKind.EcP256);
        var compressed = await device.ExportCompressedPublicKeyDerAsync();
        var table = await CreateSampleTableAsync();
        await PutRawItemAsync(table, "as-pem", device.PublicKeyPem);
        await PutRawItemAsync(table, "as-der", Convert.ToBase64String(device.PublicKeySpkiDer));
        await PutRawItemAsync(table, "as-compressed-der", Convert.ToBase64String(compressed));
        var directory = DynaliteProcess.CreateDirectory(ExistingTableOptions(table));

        foreach (var id in new[] { "as-pem", "as-der", "as-compressed-der" })
        {
            var found = await directory.FindAsync(id, CancellationToken.None);
            Assert.Equal(device.PublicKeySpkiDer, found!.PublicKey);
        }
    }

    [Fact]
    public async Task ImportAsync_OpenSslKey_StoresBase64OfTheOpenSslPemFileForTheSampleLambda()
    {
        var device = await DeviceKeyFixture.CreateAsync(_temp, "written-device", TestKeyKind.EcP256);
        var table = DynaliteProcess.NewTableName("written");
        var directory = DynaliteProcess.CreateDirectory(_dynalite.DirectoryOptions(table), _time);

        await directory.ImportAsync([new DeviceImportEntry(1, device.DeviceId, device.PublicKeySpkiDer, KeyAlgorithm.EcdsaP256)], false, null, CancellationToken.None);

        var item = (await _raw.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["device-id"] = new() { S = device.DeviceId } })).Item;
        Assert.Equal(Convert.ToBase64String(await File.ReadAllBytesAsync(device.PublicKeyPemPath)), item["pubkey"].S);
        Assert.Equal("ACTIVE", item["status"].S);
        Assert.Equal("EcdsaP256", item["key-algorithm"].S);
        Assert.Equal("2026-03-01T12:00:00.0000000Z", item["created-at"].S);
        Assert.Equal("2026-03-01T12:00:00.0000000Z", item["updated-at"].S);
        Assert.Equal(["created-at", "device-id", "key-algorithm", "pubkey", "status", "updated-at"], item.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindAsync_PubkeyThatDoesNotDecode_ThrowsNamingTheDevice()
    {
        var table = await CreateSampleTableAsync();
        await PutRawItemAsync(table, "broken-device", Convert.ToBase64String(Encoding.ASCII.GetBytes("-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n")));
        var directory = DynaliteProcess.CreateDirectory(ExistingTableOptions(table));

        var error = await Assert.ThrowsAsync<DynamoDbDeviceItemException>(
            async () => await directory.FindAsync("broken-device", CancellationToken.None));

        Assert.Equal("broken-device", error.DeviceId);
        Assert.Equal(table, error.TableName);
        Assert.Contains("'broken-device'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_StoredKeyOfForbiddenAlgorithm_ThrowsWithTheRefusal()
    {
        var device = await DeviceKeyFixture.CreateAsync(_temp, "weak-device", TestKeyKind.Rsa1024);
        var table = await CreateSampleTableAsync();
        await PutRawItemAsync(table, "weak-device", Convert.ToBase64String(Encoding.ASCII.GetBytes(device.PublicKeyPem)));
        var directory = DynaliteProcess.CreateDirectory(ExistingTableOptions(table));

        var error = await Assert.ThrowsAsync<DynamoDbDeviceItemException>(
            async () => await directory.FindAsync("weak-device", CancellationToken.None));

        Assert.Contains("RSA-1024", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DISABLED", DeviceStatus.Disabled)]
    [InlineData("ACTIVE", DeviceStatus.Enabled)]
    public async Task FindAsync_StatusWrittenByAnotherTool_IsRead(string status, DeviceStatus expected)
    {
        var table = await CreateSampleTableAsync();
        await PutRawItemAsync(table, "tool-dev", DynamoDbDeviceItems.EncodePublicKey(DynamoDbTestKeys.NewP256()), status);
        var directory = DynaliteProcess.CreateDirectory(ExistingTableOptions(table));

        Assert.Equal(expected, (await directory.FindAsync("tool-dev", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task FindAsync_UnknownStatus_ThrowsRatherThanTreatingItAsActive()
    {
        var table = await CreateSampleTableAsync();
        await PutRawItemAsync(table, "odd-dev", DynamoDbDeviceItems.EncodePublicKey(DynamoDbTestKeys.NewP256()), "REVOKED");
        var directory = DynaliteProcess.CreateDirectory(ExistingTableOptions(table));

        var error = await Assert.ThrowsAsync<DynamoDbDeviceItemException>(
            async () => await directory.FindAsync("odd-dev", CancellationToken.None));

        Assert.Contains("'REVOKED'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_UnknownDevice_ReturnsNull()
    {
        var directory = DynaliteProcess.CreateDirectory(_dynalite.DirectoryOptions(DynaliteProcess.NewTableName("unknown")));

        Assert.Null(await directory.FindAsync("missing", CancellationToken.None));
        Assert.Null(await directory.FindAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task SetStatusAsync_ExistingAndUnknownDevice_UpdatesOnlyExisting()
    {
        var table = DynaliteProcess.NewTableName("status");
        var directory = DynaliteProcess.CreateDirectory(_dynalite.DirectoryOptions(table), _time);
        await directory.ImportAsync(DynamoDbTestKeys.Entries(2), false, null, CancellationToken.None);
        _time.Now = _time.Now.AddMinutes(5);

        Assert.True(await directory.SetStatusAsync("dev-000001", DeviceStatus.Disabled, CancellationToken.None));
        Assert.False(await directory.SetStatusAsync("nope", DeviceStatus.Disabled, CancellationToken.None));

        var disabled = await directory.FindAsync("dev-000001", CancellationToken.None);
        Assert.Equal(DeviceStatus.Disabled, disabled!.Status);
        Assert.Equal(_time.Now, disabled.UpdatedAt);
        Assert.Equal(_time.Now.AddMinutes(-5), disabled.CreatedAt);
        Assert.Equal(DeviceStatus.Enabled, (await directory.FindAsync("dev-000000", CancellationToken.None))!.Status);
        Assert.Null(await directory.FindAsync("nope", CancellationToken.None));
        Assert.Equal(2, await directory.CountAsync(CancellationToken.None));
        Assert.True(await directory.SetStatusAsync("dev-000001", DeviceStatus.Enabled, CancellationToken.None));
        Assert.Equal(DeviceStatus.Enabled, (await directory.FindAsync("dev-000001", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task SetStatusAsync_SampleItemWithoutStatus_DisablesIt()
    {
        var table = await CreateSampleTableAsync();
        await PutRawItemAsync(table, "sample-dev", DynamoDbDeviceItems.EncodePublicKey(DynamoDbTestKeys.NewP256()));
        var directory = DynaliteProcess.CreateDirectory(ExistingTableOptions(table));

        Assert.True(await directory.SetStatusAsync("sample-dev", DeviceStatus.Disabled, CancellationToken.None));

        Assert.Equal(DeviceStatus.Disabled, (await directory.FindAsync("sample-dev", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ListAsync_PagesThroughAllDevicesInIdOrder()
    {
        var directory = DynaliteProcess.CreateDirectory(_dynalite.DirectoryOptions(DynaliteProcess.NewTableName("list")));
        var entries = DynamoDbTestKeys.Entries(250);
        entries.Reverse();
        await directory.ImportAsync(entries, false, null, CancellationToken.None);
        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await directory.ListAsync(after, 100, CancellationToken.None);
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
    public async Task CountAsync_EmptyAndFilledTable_CountsItems()
    {
        var directory = DynaliteProcess.CreateDirectory(_dynalite.DirectoryOptions(DynaliteProcess.NewTableName("count")));
        Assert.Equal(0, await directory.CountAsync(CancellationToken.None));

        await directory.ImportAsync(DynamoDbTestKeys.Entries(1_234), false, null, CancellationToken.None);

        Assert.Equal(1_234, await directory.CountAsync(CancellationToken.None));
    }

    private DynamoDbDeviceDirectoryOptions ExistingTableOptions(string table)
    {
        var options = _dynalite.DirectoryOptions(table);
        options.CreateTableIfMissing = false;
        return options;
    }

    /// <summary>The sample's table: hash key device-id (S), nothing else declared.</summary>
    private async Task<string> CreateSampleTableAsync()
    {
        var table = DynaliteProcess.NewTableName("widgiot-iot-provisioning-secretfree");
        await _raw.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement("device-id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("device-id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });

        // A condition wait, bounded: dynalite runs with --createTableMs 0, so this is one or two polls.
        for (var poll = 0; poll < 200; poll++)
        {
            if ((await _raw.DescribeTableAsync(table)).Table.TableStatus == TableStatus.ACTIVE)
            {
                return table;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"Table {table} did not become ACTIVE.");
    }

    private async Task PutRawItemAsync(string table, string deviceId, string pubkey, string? status = null)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["device-id"] = new() { S = deviceId },
            ["pubkey"] = new() { S = pubkey },
        };
        if (status is not null)
        {
            item["status"] = new AttributeValue { S = status };
        }

        await _raw.PutItemAsync(table, item);
    }
}
