using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Aws.DynamoDb;
using Xunit;

namespace Secretless.TestSupport.Emulators;

/// <summary>
/// A real dynalite (npm, installed by scripts/install-node-tools.sh into .tools/) on a free
/// loopback port (see <see cref="NodeToolProcess"/>), in memory; killed on dispose. Tests isolate
/// themselves with their own table names.
/// </summary>
public sealed class DynaliteProcess : IAsyncLifetime
{
    private NodeToolProcess? _tool;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>dynalite accepts any credentials but the SDK still signs; these are fixed for the tests.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("dynalite", "dynalite-secret");

    /// <summary>A table name no other test uses.</summary>
    public static string NewTableName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    public DynamoDbDeviceDirectoryOptions DirectoryOptions(string tableName) => new()
    {
        TableName = tableName,
        ServiceUrl = ServiceUrl,
        Credentials = Credentials,
        CreateTableIfMissing = true,
    };

    public DynamoDbIssuanceLedgerOptions LedgerOptions(string tableName) => new()
    {
        TableName = tableName,
        ServiceUrl = ServiceUrl,
        Credentials = Credentials,
        CreateTableIfMissing = true,
    };

    public AmazonDynamoDBClient CreateClient() => DynamoDbClientFactory.Create(DirectoryOptions("any-table"));

    public static DynamoDbDeviceDirectory CreateDirectory(DynamoDbDeviceDirectoryOptions options, TimeProvider? timeProvider = null) =>
        new(DynamoDbClientFactory.Create(options), options, timeProvider ?? TimeProvider.System, NullLogger<DynamoDbDeviceDirectory>.Instance);

    public DynamoDbIssuanceLedger CreateLedger(string tableName) =>
        new(DynamoDbClientFactory.Create(LedgerOptions(tableName)), LedgerOptions(tableName), TimeProvider.System, NullLogger<DynamoDbIssuanceLedger>.Instance);

    public async Task InitializeAsync()
    {
        var executable = NodeToolProcess.FindExecutable("dynalite", "4.0.0");
        // In memory (no --path); tables become ACTIVE at once so CreateTableIfMissing does not wait.
        _tool = await NodeToolProcess.StartAsync(
            "dynalite",
            executable,
            port => ["--port", port.ToString(CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"]);
        ServiceUrl = _tool.ServiceUrl;
    }

    public async Task DisposeAsync()
    {
        if (_tool is not null)
        {
            await _tool.DisposeAsync();
        }
    }
}
