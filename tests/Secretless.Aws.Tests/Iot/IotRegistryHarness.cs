using Microsoft.Extensions.DependencyInjection;
using Secretless.Aws.Iot;
using Secretless.Core.Registry;
using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.Iot;

/// <summary>
/// A fake AWS endpoint (real HTTP, SigV4 checked) with the test CA registered, and registries
/// built the production way (<see cref="IotCoreThingRegistryServiceCollectionExtensions.UseIotCoreThingRegistry"/>).
/// </summary>
internal sealed class IotRegistryHarness : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    private IotRegistryHarness(FakeAwsEndpoint fake, DeviceCertificateAuthority ca, string caId)
    {
        Fake = fake;
        Ca = ca;
        CaId = caId;
    }

    public FakeAwsEndpoint Fake { get; }

    public DeviceCertificateAuthority Ca { get; }

    /// <summary>AWS IoT's id of the registered test CA.</summary>
    public string CaId { get; }

    public static async Task<IotRegistryHarness> StartAsync()
    {
        var fake = await FakeAwsEndpoint.StartAsync();
        var ca = new DeviceCertificateAuthority();
        var caId = fake.Iot.RegisterCaCertificate(ca.Certificate);
        return new IotRegistryHarness(fake, ca, caId);
    }

    /// <summary>A new registry (own process state: caches start empty) against the same fake.</summary>
    public IThingRegistry CreateRegistry(Action<IotCoreThingRegistryOptions>? configure = null)
    {
        var services = new ServiceCollection().UseIotCoreThingRegistry(options =>
        {
            options.ServiceUrl = Fake.ServiceUrl;
            options.Region = FakeAwsEndpoint.Region;
            options.Credentials = FakeAwsEndpoint.Credentials;
            options.CaCertificatePem = Ca.Pem;
            configure?.Invoke(options);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IThingRegistry>();
    }

    public int CallCount(string operation) => Fake.Calls.Count(c => c == operation);

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        Ca.Dispose();
        await Fake.DisposeAsync();
    }
}
