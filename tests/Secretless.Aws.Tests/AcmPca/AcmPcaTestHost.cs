using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Aws.AcmPca;
using Secretless.Aws.Http;
using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.AcmPca;

/// <summary>A fake AWS endpoint and an <see cref="AcmPcaCertificateAuthority"/> pointed at it over real HTTP.</summary>
internal sealed class AcmPcaTestHost : IAsyncDisposable
{
    private readonly AwsServiceClient _transport;

    private AcmPcaTestHost(FakeAwsEndpoint fake, AcmPcaCertificateAuthorityOptions options)
    {
        Fake = fake;
        Options = options;
        _transport = AcmPcaCertificateAuthorityServiceCollectionExtensions.CreateTransport(options, TimeProvider.System);
        Authority = new AcmPcaCertificateAuthority(
            new AcmPcaClient(_transport), options, TimeProvider.System, NullLogger<AcmPcaCertificateAuthority>.Instance);
    }

    public FakeAwsEndpoint Fake { get; }

    public AcmPcaCertificateAuthorityOptions Options { get; }

    public AcmPcaCertificateAuthority Authority { get; }

    public static async Task<AcmPcaTestHost> StartAsync(Action<AcmPcaCertificateAuthorityOptions>? configure = null, AWSCredentials? credentials = null)
    {
        var fake = await FakeAwsEndpoint.StartAsync();
        var options = new AcmPcaCertificateAuthorityOptions
        {
            CertificateAuthorityArn = fake.AcmPca.CertificateAuthorityArn,
            ServiceUrl = fake.ServiceUrl,
            Region = FakeAwsEndpoint.Region,
            Credentials = credentials ?? FakeAwsEndpoint.Credentials,
            PollInitialDelay = TimeSpan.FromMilliseconds(5),
            PollMaxDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return new AcmPcaTestHost(fake, options);
    }

    public int CallCount(string operation) => Fake.Calls.Count(call => call == operation);

    public async ValueTask DisposeAsync()
    {
        Authority.Dispose();
        _transport.Dispose();
        await Fake.DisposeAsync();
    }
}
