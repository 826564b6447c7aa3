using Microsoft.Extensions.DependencyInjection;
using Secretless.Core.Devices;
using Secretless.Core.Issuance;
using Secretless.Core.Registry;
using Secretless.Local.Devices;
using Secretless.Local.Issuance;
using Secretless.Local.Pki;
using Secretless.Local.Registry;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Hosting;

public sealed class LocalServiceCollectionExtensionsTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task AddSecretlessLocal_Resolved_GivesTheLocalBackendsAsSingletons()
    {
        var services = new ServiceCollection()
            .AddSecretlessLocal(_environment.DataDirectory, options => options.MqttEndpoint = "broker.local:8884");
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<SqliteDeviceDirectory>(provider.GetRequiredService<IDeviceDirectory>());
        Assert.IsType<SqliteIssuanceLedger>(provider.GetRequiredService<IIssuanceLedger>());
        Assert.IsType<LocalCertificateAuthority>(provider.GetRequiredService<ICertificateAuthority>());
        var registry = provider.GetRequiredService<IThingRegistry>();
        Assert.Same(registry, provider.GetRequiredService<SqliteThingRegistry>());
        Assert.Equal("broker.local:8884", await registry.GetEndpointAsync(CancellationToken.None));
        Assert.True(LocalPki.Exists(_environment.DataDirectory)); // created on first use by default
        Assert.Equal(SqliteMigrations.LatestVersion, provider.GetRequiredService<SqliteDatabase>().ReadSchemaVersion());
    }

    [Fact]
    public void AddSecretlessLocal_CreatePkiIfMissingOff_ResolvingTheCaThrowsNotInitialized()
    {
        var services = new ServiceCollection()
            .AddSecretlessLocal(_environment.DataDirectory, options => options.CreatePkiIfMissing = false);
        using var provider = services.BuildServiceProvider();

        Assert.Throws<LocalPkiNotInitializedException>(() => provider.GetRequiredService<ICertificateAuthority>());
    }

    [Theory]
    [InlineData("localhost", "must be 'host:port'")]
    [InlineData("localhost:0", "from 1 to 65535")]
    [InlineData("localhost:70000", "from 1 to 65535")]
    [InlineData("localhost:abc", "from 1 to 65535")]
    [InlineData("mqtts://host:8883", "invalid host")]
    [InlineData("::1:8883", "not in brackets")]
    [InlineData("", "empty")]
    public void AddSecretlessLocal_InvalidEndpoint_ThrowsAtRegistrationWithPreciseMessage(string endpoint, string expected)
    {
        var error = Assert.Throws<ArgumentException>(
            () => new ServiceCollection().AddSecretlessLocal(_environment.DataDirectory, options => options.MqttEndpoint = endpoint));

        Assert.Contains("SL1001: LocalStackOptions.MqttEndpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:8883")]
    [InlineData("10.0.0.5:1")]
    [InlineData("[::1]:65535")]
    [InlineData("abc123.iot.eu-west-1.amazonaws.com:443")]
    public void Validate_ValidEndpoint_DoesNotThrow(string endpoint)
    {
        new LocalStackOptions { MqttEndpoint = endpoint }.Validate();
        Assert.True(LocalEndpoint.TryValidate(endpoint, out var error), error);
    }

    [Fact]
    public async Task UseLocalDeviceDirectory_Alone_RegistersOnlyThatPort()
    {
        var services = new ServiceCollection().UseLocalDeviceDirectory(_environment.DataDirectory);
        await using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<IDeviceDirectory>());
        Assert.Null(provider.GetService<ICertificateAuthority>());
        Assert.False(LocalPki.Exists(_environment.DataDirectory));
    }
}
