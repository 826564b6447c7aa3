using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Secretless.Core;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Server.Hosting;
using Secretless.Server.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Server.Tests;

/// <summary>Rotation through the real server: HTTP /new, SQLite registry and ledger, the sweep service.</summary>
public sealed class CertificateRotationTests
{
    [Fact]
    public async Task PostNew_RenewalWithNewCsr_PreviousCertificateRevokedAndHistoryKept()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "renewing-1", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);
        var renewalCsr = await device.CreateCsrAsync("/CN=renewing-1");
        var registry = server.GetRequiredService<SqliteThingRegistry>();
        var feedStart = await registry.ReadLatestStatusChangeSequenceAsync(CancellationToken.None);

        var first = await PostAndParseAsync(server, device.DeviceCsrHeader);
        var second = await PostAndParseAsync(server, renewalCsr.DeviceCsrHeader);

        var history = await registry.ListThingCertificatesAsync("renewing-1", CancellationToken.None);
        Assert.Equal([first.CertificateId, second.CertificateId], history.Select(c => c.CertificateId));
        Assert.Equal([CertificateStatus.Revoked, CertificateStatus.Active], history.Select(c => c.Status));
        var changes = await registry.ReadStatusChangesAsync(feedStart, CancellationToken.None);
        Assert.Contains(changes, c => c.CertificateId == first.CertificateId && c.Status == CertificateStatus.Revoked);
        Assert.Contains(server.Log.Entries, e => e.EventId == 1200 && e.Message.Contains(first.CertificateId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostNew_RepeatedCsrAfterItsCertificateWasRevoked_AnswersANewCertificate()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "revoked-1", TestKeyKind.EcP384);
        await server.ImportDeviceAsync(device);
        var registry = server.GetRequiredService<SqliteThingRegistry>();
        var first = await PostAndParseAsync(server, device.DeviceCsrHeader);
        await registry.SetCertificateStatusAsync(first.CertificateId, CertificateStatus.Revoked, CancellationToken.None);

        var again = await PostAndParseAsync(server, device.DeviceCsrHeader);
        var replay = await PostAndParseAsync(server, device.DeviceCsrHeader);

        Assert.NotEqual(first.CertificateId, again.CertificateId);
        Assert.Equal(again, replay);
        Assert.Equal(CertificateStatus.Active, await registry.GetCertificateStatusAsync(again.CertificateId, CancellationToken.None));
        Assert.Equal(CertificateStatus.Revoked, await registry.GetCertificateStatusAsync(first.CertificateId, CancellationToken.None));
    }

    [Fact]
    public async Task SweepOnceAsync_GracePeriodOver_RetiresTheSupersededCertificate()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
            services.AddSecretlessCore(options => options.RotationGracePeriod = TimeSpan.FromMinutes(5));
        });
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "graceful-1", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);
        var renewalCsr = await device.CreateCsrAsync("/CN=graceful-1");
        var registry = server.GetRequiredService<SqliteThingRegistry>();
        var sweep = server.App.Services.GetServices<IHostedService>().OfType<SupersededCertificateSweepService>().Single();
        var first = await PostAndParseAsync(server, device.DeviceCsrHeader);
        time.Advance(TimeSpan.FromSeconds(1));
        var second = await PostAndParseAsync(server, renewalCsr.DeviceCsrHeader);

        time.Advance(TimeSpan.FromMinutes(4));
        await sweep.SweepOnceAsync(CancellationToken.None);
        var duringGrace = await registry.GetCertificateStatusAsync(first.CertificateId, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        await sweep.SweepOnceAsync(CancellationToken.None);

        // The timer may have swept first (the fake clock fires it); either way the outcome is the same.
        Assert.Equal(CertificateStatus.Active, duringGrace);
        Assert.Equal(CertificateStatus.Revoked, await registry.GetCertificateStatusAsync(first.CertificateId, CancellationToken.None));
        Assert.Equal(CertificateStatus.Active, await registry.GetCertificateStatusAsync(second.CertificateId, CancellationToken.None));
        Assert.Equal(TimeSpan.FromMinutes(1), sweep.Interval); // a quarter of 5 min, clamped to 1 min
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(2, 2)]
    [InlineData(20, 5)]
    [InlineData(60, 15)]
    [InlineData(3600, 60)]
    public void IntervalFor_GracePeriod_QuarterClampedOrCatchUp(int graceSeconds, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SupersededCertificateSweepService.IntervalFor(TimeSpan.FromSeconds(graceSeconds)));
    }

    private static async Task<ProvisioningAnswer> PostAndParseAsync(RunningServer server, string csrHeader)
    {
        using var response = await server.PostNewAsync(csrHeader);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return ProvisioningAnswer.Parse(body);
    }
}
