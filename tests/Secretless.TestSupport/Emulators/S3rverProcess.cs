using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Secretless.Aws.Delivery;
using Xunit;

namespace Secretless.TestSupport.Emulators;

/// <summary>
/// A real s3rver (npm, installed by scripts/install-node-tools.sh into .tools/) on a free loopback port
/// with a fresh data directory and one bucket; killed and cleaned up on dispose.
/// </summary>
public sealed class S3rverProcess : IAsyncLifetime
{
    public const string BucketName = "secretless-payloads";

    // s3rver accepts only this access key (and secret); it does not verify signatures otherwise.
    private const string AccessKey = "S3RVER";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"secretless-s3rver-{Guid.NewGuid():N}");
    private NodeToolProcess? _tool;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(AccessKey, AccessKey);

    /// <summary>Options for a store on this s3rver; each test passes its own prefix so tests never see each other's objects.</summary>
    public S3PayloadStoreOptions CreateOptions(string keyPrefix) => new()
    {
        BucketName = BucketName,
        KeyPrefix = keyPrefix,
        ServiceUrl = ServiceUrl,
        ForcePathStyle = true,
        UseChunkEncoding = false,
        ServerSideEncryption = S3ServerSideEncryption.None,
        MaxErrorRetry = 0,
        Credentials = Credentials,
    };

    public async Task InitializeAsync()
    {
        var executable = NodeToolProcess.FindExecutable("s3rver", "3.7.1");
        Directory.CreateDirectory(_dataDirectory);
        _tool = await NodeToolProcess.StartAsync(
            "s3rver",
            executable,
            port => ["-d", _dataDirectory, "-p", port.ToString(CultureInfo.InvariantCulture), "--address", "127.0.0.1", "--silent"],
            // s3rver encrypts ListObjectsV2 continuation tokens with DES, which Node's OpenSSL 3 only
            // offers through the legacy provider; without it every paged listing answers 500.
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" });
        ServiceUrl = _tool.ServiceUrl;

        using var client = S3PayloadStoreClientFactory.Create(CreateOptions("setup/"));
        await client.PutBucketAsync(new PutBucketRequest { BucketName = BucketName });
    }

    public async Task DisposeAsync()
    {
        if (_tool is not null)
        {
            await _tool.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
