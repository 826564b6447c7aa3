using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Aws.AcmPca;
using Secretless.Aws.Http;
using Secretless.Aws.Iot;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Core.Registry;
using Secretless.TestSupport;
using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.AcmPca;

/// <summary>
/// The seed's production shape on a private fake endpoint (real HTTP, SigV4 checked): the default
/// ACM PCA CA is registered in AWS IoT and issues devices; a second, ACTIVE CA waits to take over.
/// Devices are made with openssl, issued by the real ACM PCA backend and registered by the real
/// AWS IoT Core registry.
/// </summary>
internal sealed class AcmPcaRotationHarness : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new("acmpca-rotation");
    private readonly AwsServiceClient _pcaTransport;
    private readonly AwsServiceClient _iotTransport;
    private readonly List<ServiceProvider> _providers = [];
    private int _devices;

    private AcmPcaRotationHarness(FakeAwsEndpoint fake, string newCaArn)
    {
        Fake = fake;
        NewCaArn = newCaArn;
        OldCaIotId = fake.Iot.RegisterCaCertificate(fake.AcmPca.IssuingCaCertificate);
        var options = IssuerOptions(OldCaArn);
        _pcaTransport = AcmPcaCertificateAuthorityServiceCollectionExtensions.CreateTransport(options, TimeProvider.System);
        _iotTransport = AcmPcaIssuerAdministration.CreateIotTransport(options, TimeProvider.System);
    }

    public FakeAwsEndpoint Fake { get; }

    /// <summary>The CA devices were issued from first (the fake's default).</summary>
    public string OldCaArn => Fake.AcmPca.CertificateAuthorityArn;

    /// <summary>AWS IoT's id of the old CA's certificate (registered before devices arrive).</summary>
    public string OldCaIotId { get; }

    /// <summary>A second ACTIVE CA under the same root, not registered in AWS IoT yet.</summary>
    public string NewCaArn { get; }

    public IotClient Iot => new(_iotTransport);

    public static async Task<AcmPcaRotationHarness> StartAsync()
    {
        var fake = await FakeAwsEndpoint.StartAsync();
        return new AcmPcaRotationHarness(fake, fake.AcmPca.CreateCertificateAuthority("Secretless Fake Device Issuing CA 2"));
    }

    /// <summary>The administration as the CLI builds it, with <paramref name="configuredArn"/> as the issuer's CA.</summary>
    public AcmPcaIssuerAdministration Administration(string configuredArn) =>
        new(new AcmPcaClient(_pcaTransport), Iot, configuredArn, NullLogger.Instance);

    /// <summary>
    /// <paramref name="count"/> devices provisioned the production way from <paramref name="caArn"/>:
    /// ACM PCA issues, AWS IoT registers (WithCa, the CA's PEM); returns each AWS IoT certificate id and certificate.
    /// </summary>
    public async Task<List<(string IotId, X509Certificate2 Certificate)>> ProvisionAsync(string caArn, int count)
    {
        var caPem = Fake.AcmPca.CertificateAuthorityCertificate(caArn).ExportCertificatePem();
        var services = new ServiceCollection()
            .UseAcmPcaCertificateAuthority(options => Configure(options, caArn))
            .UseIotCoreThingRegistry(options =>
            {
                options.ServiceUrl = Fake.ServiceUrl;
                options.Region = FakeAwsEndpoint.Region;
                options.Credentials = FakeAwsEndpoint.Credentials;
                options.CaCertificatePem = caPem;
            });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        var authority = provider.GetRequiredService<ICertificateAuthority>();
        var registry = provider.GetRequiredService<IThingRegistry>();
        var devices = new List<(string, X509Certificate2)>();
        for (var i = 0; i < count; i++)
        {
            var device = await DeviceKeyFixture.CreateAsync(_directory, $"dev-{Interlocked.Increment(ref _devices):D4}", TestKeyKind.EcP256);
            var issued = await authority.IssueAsync(Profile(device), CancellationToken.None);
            var arn = await registry.RegisterCertificateAsync(issued.CertificateDer, CancellationToken.None);
            devices.Add((arn[(arn.LastIndexOf('/') + 1)..], X509CertificateLoader.LoadCertificate(issued.CertificateDer)));
        }

        return devices;
    }

    public int CallCount(string operation) => Fake.Calls.Count(call => call == operation);

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        _pcaTransport.Dispose();
        _iotTransport.Dispose();
        await Fake.DisposeAsync();
        _directory.Dispose();
    }

    private AcmPcaCertificateAuthorityOptions IssuerOptions(string caArn)
    {
        var options = new AcmPcaCertificateAuthorityOptions();
        Configure(options, caArn);
        return options;
    }

    private void Configure(AcmPcaCertificateAuthorityOptions options, string caArn)
    {
        options.CertificateAuthorityArn = caArn;
        options.ServiceUrl = Fake.ServiceUrl;
        options.Region = FakeAwsEndpoint.Region;
        options.Credentials = FakeAwsEndpoint.Credentials;
        options.PollInitialDelay = TimeSpan.FromMilliseconds(5);
        options.PollMaxDelay = TimeSpan.FromMilliseconds(50);
    }

    private static CertificateProfile Profile(DeviceKeyFixture device)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return new CertificateProfile(
            device.DeviceId,
            device.PublicKeySpkiDer,
            KeyAlgorithm.EcdsaP256,
            CertificateProfileFactory.NewSerialNumber(),
            now.AddMinutes(-1),
            now.AddDays(30),
            Convert.ToHexStringLower(SHA256.HashData(device.CsrDer))[..32],
            device.CsrDer);
    }
}
