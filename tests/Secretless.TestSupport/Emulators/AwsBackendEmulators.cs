using System.Text.Json.Nodes;
using Secretless.TestSupport.Aws;
using Xunit;

namespace Secretless.TestSupport.Emulators;

/// <summary>
/// The AWS services every AWS-backed deployment talks to, on loopback: DynamoDB (dynalite), S3
/// (s3rver) and ACM PCA / AWS IoT Core (the shared fake endpoint, which verifies every SigV4
/// signature). Builds the <c>Secretless</c> configuration section that points the backends at them;
/// credentials come from the standard AWS chain (environment variables), as in production.
/// </summary>
public sealed class AwsBackendEmulators : IAsyncLifetime
{
    // s3rver accepts only this key pair; dynalite and the fake are told to accept it too.
    private const string AccessKey = "S3RVER";

    private readonly DynaliteProcess _dynalite = new();
    private readonly S3rverProcess _s3rver = new();
    private FakeAwsEndpoint? _aws;

    /// <summary>Environment of every process that uses the backends: credentials from the AWS chain.</summary>
    public static IReadOnlyDictionary<string, string> CredentialEnvironment { get; } = new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = AccessKey,
        ["AWS_REGION"] = FakeAwsEndpoint.Region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <summary>The fake ACM PCA + AWS IoT Core endpoint, for assertions and injected faults.</summary>
    public FakeAwsEndpoint Aws => _aws ?? throw new InvalidOperationException("The emulators are not started.");

    public string ExpectedEndpoint => $"{Aws.Iot.DataAtsEndpoint}:8883";

    public async Task InitializeAsync()
    {
        await _dynalite.InitializeAsync();
        await _s3rver.InitializeAsync();
        _aws = await FakeAwsEndpoint.StartAsync(new FakeAwsOptions { AccessKeyId = AccessKey, SecretAccessKey = AccessKey, InProgressPolls = 2 });
    }

    /// <summary>The whole configuration (<c>{"Secretless": {...}}</c>): fresh DynamoDB tables, an S3 prefix, and the given issuer and registry.</summary>
    public JsonObject Configuration(JsonObject issuer, JsonObject registry) => new()
    {
        ["Secretless"] = new JsonObject
        {
            ["Directory"] = DynamoDb($"devices-{Guid.NewGuid():N}"),
            ["Ledger"] = DynamoDb($"ledger-{Guid.NewGuid():N}"),
            ["Issuer"] = issuer,
            ["Registry"] = registry,
            ["PayloadStore"] = new JsonObject
            {
                ["Type"] = "S3",
                ["BucketName"] = S3rverProcess.BucketName,
                ["KeyPrefix"] = $"payloads-{Guid.NewGuid():N}/",
                ["ServiceUrl"] = _s3rver.ServiceUrl.ToString(),
                ["ForcePathStyle"] = true,
                ["UseChunkEncoding"] = false,
                ["ServerSideEncryption"] = "None",
            },
        },
    };

    public async Task DisposeAsync()
    {
        if (_aws is not null)
        {
            await _aws.DisposeAsync();
        }

        await _s3rver.DisposeAsync();
        await _dynalite.DisposeAsync();
    }

    private JsonObject DynamoDb(string table) => new()
    {
        ["Type"] = "DynamoDb",
        ["TableName"] = table,
        ["ServiceUrl"] = _dynalite.ServiceUrl.ToString(),
        ["CreateTableIfMissing"] = true,
    };
}
