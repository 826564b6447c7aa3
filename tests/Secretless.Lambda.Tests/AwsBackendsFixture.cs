using Secretless.TestSupport.Aws;
using Secretless.TestSupport.Emulators;

namespace Secretless.Lambda.Tests;

/// <summary>
/// The AWS services the functions use, on loopback: dynalite (devices, ledger), s3rver (payloads)
/// and the fake ACM PCA + AWS IoT endpoint, with the configuration that points every port at them
/// (the production shape: ACM PCA issues, IoT Core registers with the CA registered). Credentials
/// come from the AWS chain as in Lambda: this test process's environment holds the emulators' key.
/// </summary>
public sealed class AwsBackendsFixture : IAsyncLifetime
{
    // s3rver accepts only this key pair; dynalite and the fake are told to accept it too.
    private const string AccessKey = "S3RVER";

    private readonly DynaliteProcess _dynalite = new();
    private readonly S3rverProcess _s3rver = new();
    private FakeAwsEndpoint? _aws;

    public static IReadOnlyDictionary<string, string> CredentialEnvironment { get; } = new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = AccessKey,
        ["AWS_REGION"] = FakeAwsEndpoint.Region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public TemporaryDirectory Scratch { get; } = new("secretless-lambda-tests");

    public FakeAwsEndpoint Aws => _aws ?? throw new InvalidOperationException("The emulators are not started.");

    public async Task InitializeAsync()
    {
        foreach (var (name, value) in CredentialEnvironment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        await _dynalite.InitializeAsync();
        await _s3rver.InitializeAsync();
        _aws = await FakeAwsEndpoint.StartAsync(new FakeAwsOptions { AccessKeyId = AccessKey, SecretAccessKey = AccessKey });
        var caPath = Scratch.File("issuing-ca.pem");
        _aws.Iot.RegisterCaCertificate(_aws.AcmPca.IssuingCaCertificate);
        await File.WriteAllTextAsync(caPath, _aws.AcmPca.IssuingCaCertificate.ExportCertificatePem());
        CaCertificatePath = caPath;
    }

    public string CaCertificatePath { get; private set; } = "";

    /// <summary>A fresh deployment's configuration (own tables and S3 prefix), keys as <c>Secretless:Port:Option</c>.</summary>
    public Dictionary<string, string?> NewConfiguration()
    {
        var id = Guid.NewGuid().ToString("N");
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Secretless:Directory:Type"] = "DynamoDb",
            ["Secretless:Directory:TableName"] = $"lambda-devices-{id}",
            ["Secretless:Directory:ServiceUrl"] = _dynalite.ServiceUrl.ToString(),
            ["Secretless:Directory:CreateTableIfMissing"] = "true",
            ["Secretless:Ledger:Type"] = "DynamoDb",
            ["Secretless:Ledger:TableName"] = $"lambda-ledger-{id}",
            ["Secretless:Ledger:ServiceUrl"] = _dynalite.ServiceUrl.ToString(),
            ["Secretless:Ledger:CreateTableIfMissing"] = "true",
            ["Secretless:Issuer:Type"] = "AcmPca",
            ["Secretless:Issuer:CertificateAuthorityArn"] = Aws.AcmPca.CertificateAuthorityArn,
            ["Secretless:Issuer:ServiceUrl"] = Aws.ServiceUrl.ToString(),
            ["Secretless:Issuer:PollInitialDelay"] = "00:00:00.050",
            ["Secretless:Registry:Type"] = "IotCore",
            ["Secretless:Registry:CaCertificatePath"] = CaCertificatePath,
            ["Secretless:Registry:ServiceUrl"] = Aws.ServiceUrl.ToString(),
            ["Secretless:PayloadStore:Type"] = "S3",
            ["Secretless:PayloadStore:BucketName"] = S3rverProcess.BucketName,
            ["Secretless:PayloadStore:KeyPrefix"] = $"lambda-{id}/",
            ["Secretless:PayloadStore:ServiceUrl"] = _s3rver.ServiceUrl.ToString(),
            ["Secretless:PayloadStore:ForcePathStyle"] = "true",
            ["Secretless:PayloadStore:UseChunkEncoding"] = "false",
            ["Secretless:PayloadStore:ServerSideEncryption"] = "None",
        };
    }

    /// <summary>The same configuration as Lambda environment variables (<c>Secretless__Port__Option</c>) plus credentials.</summary>
    public static Dictionary<string, string> AsEnvironment(Dictionary<string, string?> configuration)
    {
        var environment = configuration.ToDictionary(entry => entry.Key.Replace(":", "__", StringComparison.Ordinal), entry => entry.Value ?? "", StringComparer.Ordinal);
        foreach (var (name, value) in CredentialEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }

    public async Task DisposeAsync()
    {
        if (_aws is not null)
        {
            await _aws.DisposeAsync();
        }

        await _s3rver.DisposeAsync();
        await _dynalite.DisposeAsync();
        Scratch.Dispose();
    }
}
