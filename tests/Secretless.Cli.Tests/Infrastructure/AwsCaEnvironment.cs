using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Aws.AcmPca;
using Secretless.Aws.Iot;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Core.Registry;
using Secretless.TestSupport;
using Secretless.TestSupport.Aws;

namespace Secretless.Cli.Tests.Infrastructure;

/// <summary>
/// A private fake ACM PCA + AWS IoT endpoint (SigV4 checked) in the production shape (the default CA
/// registered in AWS IoT and configured as the issuer, a second ACTIVE CA ready for rotation) and the
/// <c>--config</c> file a <c>secretless</c> process uses for it; credentials come from the environment.
/// </summary>
internal sealed class AwsCaEnvironment : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new("secretless-ca-aws");
    private readonly List<ServiceProvider> _providers = [];
    private int _devices;

    private AwsCaEnvironment(FakeAwsEndpoint fake)
    {
        Fake = fake;
        NewCaArn = fake.AcmPca.CreateCertificateAuthority("Secretless Fake Device Issuing CA 2");
        Fake.Iot.RegisterCaCertificate(fake.AcmPca.IssuingCaCertificate);
        var configuration = new JsonObject
        {
            ["Secretless"] = new JsonObject
            {
                ["Issuer"] = new JsonObject
                {
                    ["Type"] = "AcmPca",
                    ["CertificateAuthorityArn"] = OldCaArn,
                    ["ServiceUrl"] = fake.ServiceUrl.ToString(),
                },
                ["Registry"] = new JsonObject
                {
                    ["Type"] = "IotCore",
                    ["CaCertificatePem"] = fake.AcmPca.IssuingCaCertificate.ExportCertificatePem(),
                    ["ServiceUrl"] = fake.ServiceUrl.ToString(),
                },
            },
        };
        File.WriteAllText(ConfigPath, configuration.ToJsonString());
    }

    public FakeAwsEndpoint Fake { get; }

    public string OldCaArn => Fake.AcmPca.CertificateAuthorityArn;

    public string NewCaArn { get; }

    public string ConfigPath => _directory.File("secretless.json");

    public string DataPath => _directory.File("data");

    /// <summary>The standard AWS chain's variables, as a deployment sets them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = FakeAwsEndpoint.DefaultAccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = FakeAwsEndpoint.DefaultSecretAccessKey,
        ["AWS_REGION"] = FakeAwsEndpoint.Region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public static async Task<AwsCaEnvironment> StartAsync() => new(await FakeAwsEndpoint.StartAsync());

    /// <summary>Runs <c>secretless ARGS --config FILE --data DIR</c> as a real process.</summary>
    public Task<CliResult> RunAsync(params string[] args) =>
        CliProcess.RunAsync([.. args, "--config", ConfigPath, "--data", DataPath], Environment);

    /// <summary>Devices (openssl keys and CSRs) issued by ACM PCA from <paramref name="caArn"/> and registered in AWS IoT with that CA; their AWS IoT certificate ids.</summary>
    public async Task<List<string>> ProvisionAsync(string caArn, int count)
    {
        var services = new ServiceCollection()
            .UseAcmPcaCertificateAuthority(options =>
            {
                options.CertificateAuthorityArn = caArn;
                options.ServiceUrl = Fake.ServiceUrl;
                options.Credentials = FakeAwsEndpoint.Credentials;
                options.Region = FakeAwsEndpoint.Region;
                options.PollInitialDelay = TimeSpan.FromMilliseconds(5);
            })
            .UseIotCoreThingRegistry(options =>
            {
                options.ServiceUrl = Fake.ServiceUrl;
                options.Credentials = FakeAwsEndpoint.Credentials;
                options.Region = FakeAwsEndpoint.Region;
                options.CaCertificatePem = Fake.AcmPca.CertificateAuthorityCertificate(caArn).ExportCertificatePem();
            });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var device = await DeviceKeyFixture.CreateAsync(_directory, $"dev-{Interlocked.Increment(ref _devices):D4}", TestKeyKind.EcP256);
            var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var issued = await provider.GetRequiredService<ICertificateAuthority>().IssueAsync(
                new CertificateProfile(
                    device.DeviceId, device.PublicKeySpkiDer, KeyAlgorithm.EcdsaP256, CertificateProfileFactory.NewSerialNumber(),
                    now.AddMinutes(-1), now.AddDays(30), Convert.ToHexStringLower(SHA256.HashData(device.CsrDer))[..32], device.CsrDer),
                CancellationToken.None);
            var arn = await provider.GetRequiredService<IThingRegistry>().RegisterCertificateAsync(issued.CertificateDer, CancellationToken.None);
            ids.Add(arn[(arn.LastIndexOf('/') + 1)..]);
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Fake.DisposeAsync();
        _directory.Dispose();
    }
}
