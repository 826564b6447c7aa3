using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Secretless.Backends;
using Secretless.Core.Provisioning;
using Secretless.Local;
using Secretless.TestSupport;

namespace Secretless.Server.Tests.Backends;

/// <summary>
/// <c>Secretless:Provisioning</c> values with their own rules: <c>RotationGracePeriod</c> (seconds or a
/// duration, never negative) and <c>RegisteredKeyCacheCapacity</c> (1 or more).
/// </summary>
public sealed class ProvisioningSectionBindingTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new("secretless-grace");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("30", 30)]
    [InlineData("2.5", 2.5)]
    [InlineData("0", 0)]
    [InlineData("00:05:00", 300)]
    [InlineData("1.00:00:00", 86400)]
    public void AddSecretlessBackends_GracePeriodAsSecondsOrDuration_Bound(string value, double expectedSeconds)
    {
        using var provider = Build(value);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), provider.GetRequiredService<ProvisioningOptions>().RotationGracePeriod);
    }

    [Fact]
    public void AddSecretlessBackends_NoGracePeriod_DefaultsToZero()
    {
        using var provider = Build(null);

        Assert.Equal(TimeSpan.Zero, provider.GetRequiredService<ProvisioningOptions>().RotationGracePeriod);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-00:00:01")]
    [InlineData("soon")]
    [InlineData("NaN")]
    public void AddSecretlessBackends_NegativeOrUnreadableGracePeriod_SL2108NamingTheKey(string value)
    {
        var error = Assert.Throws<BackendConfigurationException>(() => Build(value));

        Assert.Contains("SL2108", error.Message, StringComparison.Ordinal);
        Assert.Contains("Secretless:Provisioning:RotationGracePeriod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecretlessBackends_KeyCacheCapacity_BoundOrDefault4096()
    {
        using var configured = Build(null, ("RegisteredKeyCacheCapacity", "100"));
        using var defaulted = Build(null);

        Assert.Equal(100, configured.GetRequiredService<ProvisioningOptions>().RegisteredKeyCacheCapacity);
        Assert.Equal(4096, defaulted.GetRequiredService<ProvisioningOptions>().RegisteredKeyCacheCapacity);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void AddSecretlessBackends_KeyCacheCapacityBelowOne_SL2109NamingTheKey(string value)
    {
        var error = Assert.Throws<BackendConfigurationException>(() => Build(null, ("RegisteredKeyCacheCapacity", value)));

        Assert.Contains("SL2109", error.Message, StringComparison.Ordinal);
        Assert.Contains("Secretless:Provisioning:RegisteredKeyCacheCapacity", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(string? gracePeriod, params (string Key, string Value)[] provisioning)
    {
        var settings = new Dictionary<string, string?>();
        if (gracePeriod is not null)
        {
            settings["Secretless:Provisioning:RotationGracePeriod"] = gracePeriod;
        }

        foreach (var (key, value) in provisioning)
        {
            settings[$"Secretless:Provisioning:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders());
        services.AddSecretlessBackends(configuration, new SecretlessDataDirectory(_temp.File("data")));
        return services.BuildServiceProvider();
    }
}
