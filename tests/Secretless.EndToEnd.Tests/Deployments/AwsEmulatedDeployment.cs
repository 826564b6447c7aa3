using System.Text.Json;
using System.Text.Json.Nodes;
using Secretless.TestSupport.Aws;
using Secretless.TestSupport.Emulators;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>
/// <c>secretless serve --config aws.json</c> with every port on an AWS backend: DynamoDB (dynalite),
/// S3 (s3rver) and ACM PCA / AWS IoT Core (the shared fake endpoint, which verifies every SigV4
/// signature). Credentials come from the standard AWS chain (environment variables), as in production.
/// </summary>
public abstract class AwsEmulatedDeployment : IProvisioningDeployment
{
    // s3rver accepts only this key pair; dynalite and the fake are told to accept it too.
    private const string AccessKey = "S3RVER";

    private readonly DynaliteProcess _dynalite = new();
    private readonly S3rverProcess _s3rver = new();
    private ServeProcess? _serve;
    private string _configPath = "";

    public TemporaryDirectory Scratch { get; } = new("secretless-e2e-aws");

    /// <summary>The fake ACM PCA + AWS IoT Core endpoint, for assertions and injected faults.</summary>
    public FakeAwsEndpoint Aws { get; private set; } = null!;

    public Uri ServerUrl => Serve.Url;

    public string ServerCaPath => Path.Combine(DataDirectory, "pki", "ca-chain.pem");

    public string ExpectedEndpoint => $"{Aws.Iot.DataAtsEndpoint}:8883";

    public string PolicyName => "secretless-default";

    /// <summary>Environment of every secretless process: credentials from the AWS chain.</summary>
    protected static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = AccessKey,
        ["AWS_REGION"] = FakeAwsEndpoint.Region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    private string DataDirectory => Scratch.File("data");

    private ServeProcess Serve => _serve ?? throw new InvalidOperationException("The deployment is not started.");

    public async Task InitializeAsync()
    {
        await _dynalite.InitializeAsync();
        await _s3rver.InitializeAsync();
        Aws = await FakeAwsEndpoint.StartAsync(new FakeAwsOptions { AccessKeyId = AccessKey, SecretAccessKey = AccessKey, InProgressPolls = 2 });
        var issuer = ConfigureIssuer(Aws);
        var configuration = new JsonObject
        {
            ["Secretless"] = new JsonObject
            {
                ["Directory"] = DynamoDb($"e2e-devices-{Guid.NewGuid():N}"),
                ["Ledger"] = DynamoDb($"e2e-ledger-{Guid.NewGuid():N}"),
                ["Issuer"] = issuer,
                ["Registry"] = ConfigureRegistry(Aws),
                ["PayloadStore"] = new JsonObject
                {
                    ["Type"] = "S3",
                    ["BucketName"] = S3rverProcess.BucketName,
                    ["KeyPrefix"] = $"e2e-{Guid.NewGuid():N}/",
                    ["ServiceUrl"] = _s3rver.ServiceUrl.ToString(),
                    ["ForcePathStyle"] = true,
                    ["UseChunkEncoding"] = false,
                    ["ServerSideEncryption"] = "None",
                },
            },
        };
        _configPath = Scratch.File("aws.json");
        await File.WriteAllTextAsync(_configPath, configuration.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        _serve = await ServeProcess.StartAsync(DataDirectory, ["--config", _configPath], Environment);
    }

    public Task ImportAsync(IReadOnlyList<DeviceKeyFixture> devices)
        => DeviceManifest.ImportAsync(Scratch, devices, ["--data", DataDirectory, "--config", _configPath], Environment);

    public Task<RegisteredThingView?> FindThingAsync(string thingName)
    {
        var iot = Aws.Iot;
        if (!iot.Things.ContainsKey(thingName))
        {
            return Task.FromResult<RegisteredThingView?>(null);
        }

        var principals = iot.ThingPrincipals.TryGetValue(thingName, out var arns) ? arns : new HashSet<string>();
        var certificates = iot.Certificates.Values
            .Where(certificate => principals.Contains(certificate.Arn))
            .Select(certificate => new RegisteredCertificateView(
                certificate.Id,
                certificate.Status,
                [.. iot.PolicyTargets.Where(policy => policy.Value.Contains(certificate.Arn)).Select(policy => policy.Key)]))
            .ToList();
        return Task.FromResult<RegisteredThingView?>(new RegisteredThingView(thingName, certificates));
    }

    public abstract Task<int> CountIssuedAsync();

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        if (Aws is not null)
        {
            await Aws.DisposeAsync();
        }

        await _s3rver.DisposeAsync();
        await _dynalite.DisposeAsync();
        Scratch.Dispose();
    }

    /// <summary>The <c>Secretless:Issuer</c> section.</summary>
    protected abstract JsonObject ConfigureIssuer(FakeAwsEndpoint aws);

    /// <summary>The <c>Secretless:Registry</c> section.</summary>
    protected abstract JsonObject ConfigureRegistry(FakeAwsEndpoint aws);

    private JsonObject DynamoDb(string table) => new()
    {
        ["Type"] = "DynamoDb",
        ["TableName"] = table,
        ["ServiceUrl"] = _dynalite.ServiceUrl.ToString(),
        ["CreateTableIfMissing"] = true,
    };
}
