using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Secretless.Local.Mqtt;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Hosting;

public sealed class LocalMqttBrokerServiceCollectionExtensionsTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task AddLocalMqttBroker_HostedServiceStarted_ListensAndStops()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSecretlessLocal(_environment.DataDirectory)
            .AddLocalMqttBroker(_environment.DataDirectory, options => options.Port = 0);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        // The PKI watcher (LocalPkiWatcher) is hosted too; this test is about the broker.
        var hosted = Assert.Single(provider.GetServices<IHostedService>().OfType<LocalMqttBroker>());
        var broker = provider.GetRequiredService<LocalMqttBroker>();

        await hosted.StartAsync(CancellationToken.None);
        var listening = broker.IsRunning && broker.BoundPort > 0;
        await hosted.StopAsync(CancellationToken.None);

        Assert.Same(broker, hosted);
        Assert.True(listening);
        Assert.False(broker.IsRunning);
    }

    [Fact]
    public void AddLocalMqttBroker_InvalidOptions_ThrowsAtRegistration()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection()
            .AddLocalMqttBroker(_environment.DataDirectory, options => options.AccountId = "x"));

        Assert.StartsWith("SL1104:", error.Message, StringComparison.Ordinal);
    }
}
