using Microsoft.Extensions.DependencyInjection;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Replication;

/// <summary><c>UseLocalRegionThingRegistry</c>: a host whose registry is one region's file.</summary>
public sealed class RegionRegistryRegistrationTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task UseLocalRegionThingRegistry_AfterTheMainRegistry_RegistersIntoTheRegionFile()
    {
        var services = new ServiceCollection();
        services.UseLocalThingRegistry(_environment.DataDirectory);
        services.UseLocalRegionThingRegistry(_environment.DataDirectory, "us-east-1", local => local.MqttEndpoint = "localhost:18884");
        await using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<IThingRegistry>();
        var certificateId = await registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer("dev-1"), CancellationToken.None);

        Assert.Same(provider.GetRequiredService<SqliteThingRegistry>(), registry);
        Assert.Equal("localhost:18884", await registry.GetEndpointAsync(CancellationToken.None));
        Assert.True(File.Exists(_environment.DataDirectory.RegionDatabasePath("us-east-1")));
        Assert.Equal(["us-east-1"], _environment.DataDirectory.ListRegions());
        var main = new SqliteThingRegistry(_environment.Database, new LocalStackOptions(), _environment.Time);
        Assert.Null(await main.FindPrincipalAsync(certificateId, CancellationToken.None));
    }

    [Fact]
    public async Task UseLocalRegionThingRegistry_ProviderDisposed_RegionDatabaseStopsTakingWrites()
    {
        var services = new ServiceCollection();
        services.UseLocalThingRegistry(_environment.DataDirectory);
        services.UseLocalRegionThingRegistry(_environment.DataDirectory, "eu-west-1");
        var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<IThingRegistry>();
        await registry.EnsureThingAsync("dev-1", CancellationToken.None);
        var regionDatabase = provider.GetRequiredKeyedService<SqliteDatabase>("eu-west-1");

        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => registry.EnsureThingAsync("dev-2", CancellationToken.None));
        Assert.Equal(_environment.DataDirectory.RegionDatabasePath("eu-west-1"), regionDatabase.FilePath);
    }

    [Fact]
    public void UseLocalRegionThingRegistry_InvalidName_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();

        var exception = Assert.Throws<ArgumentException>(() => services.UseLocalRegionThingRegistry(_environment.DataDirectory, "EU_West"));

        Assert.Contains("EU_West", exception.Message, StringComparison.Ordinal);
    }
}
