using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Secretless.Core.Delivery;
using Secretless.Local.Delivery;
using Secretless.Server.Hosting;
using Secretless.Server.Tests.Support;

namespace Secretless.Server.Tests;

public sealed class PayloadCleanupServiceTests
{
    [Fact]
    public async Task CleanUpOnceAsync_ExpiredAndFreshPayloads_DeletesOnlyTheExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        var store = server.GetRequiredService<LocalPayloadStore>();
        var expired = new string('a', 64);
        var fresh = new string('b', 64);
        await store.StoreAsync(expired, "{}"u8.ToArray(), time.GetUtcNow().AddMinutes(-1), CancellationToken.None);
        await store.StoreAsync(fresh, "{}"u8.ToArray(), time.GetUtcNow().AddMinutes(1), CancellationToken.None);
        var cleanup = server.App.Services.GetServices<IHostedService>().OfType<PayloadCleanupService>().Single();

        var deleted = await cleanup.CleanUpOnceAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Null(await store.ReadAsync(expired, time.GetUtcNow(), CancellationToken.None));
        Assert.NotNull(await store.ReadAsync(fresh, time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public void Validate_InvalidLatentDeliveryOrCleanupInterval_ThrowsNamingTheSetting()
    {
        var badDeadline = new SecretlessServerOptions { LatentDelivery = new LatentDeliveryOptions { Deadline = TimeSpan.Zero } };
        var badInterval = new SecretlessServerOptions { PayloadCleanupInterval = TimeSpan.Zero };

        Assert.Contains("Deadline", Assert.Throws<ArgumentException>(() => badDeadline.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("PayloadCleanupInterval", Assert.Throws<ArgumentException>(() => badInterval.Validate()).Message, StringComparison.Ordinal);
    }
}
