using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Secretless.Local.Pki;
using Secretless.Server.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Server.Tests;

public sealed class OperationalEndpointTests
{
    [Fact]
    public async Task GetCa_Running_ServesIssuingCaThenRootAsPem()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.GetAsync("ca");
        var pem = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType?.MediaType);
        var chain = PemFiles.Certificates(pem);
        Assert.Equal(2, chain.Count);
        Assert.Equal(chain[1].SubjectName.Name, chain[0].IssuerName.Name);
        Assert.Equal(chain[1].SubjectName.Name, chain[1].IssuerName.Name);
        var pki = server.GetRequiredService<LocalPki>();
        Assert.Equal(pki.RootCertificate.RawData, chain[1].RawData);
        Assert.Equal(PemFiles.Certificates(server.CaChainPem).Select(c => c.Thumbprint), chain.Select(c => c.Thumbprint));
    }

    [Fact]
    public async Task Ready_BackendsUp_Answers200WithEveryCheckOk()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("pki").GetString());
    }

    [Fact]
    public async Task Ready_IssuingCaExpired_Answers503NamingThePki()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        clock.Advance(TimeSpan.FromDays(365 * 40));

        using var response = await server.Client.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not-ready", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("expired", json.RootElement.GetProperty("checks").GetProperty("pki").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task Metrics_AfterIssuanceReplayAndRefusal_ExposesCountersAndHistogram()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "counted-1", TestKeyKind.EcP256);
        var stranger = await DeviceKeyFixture.CreateAsync(server.Scratch, "counted-2", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);
        (await server.PostNewAsync(device.DeviceCsrHeader)).Dispose();
        (await server.PostNewAsync(device.DeviceCsrHeader)).Dispose();
        (await server.PostNewAsync(stranger.DeviceCsrHeader)).Dispose();

        using var response = await server.Client.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var lines = text.Split('\n');
        Assert.Contains("secretless_provisioning_requests_total{outcome=\"issued\"} 1", lines);
        Assert.Contains("secretless_provisioning_requests_total{outcome=\"replayed\"} 1", lines);
        Assert.Contains("secretless_provisioning_requests_total{outcome=\"device-not-registered\"} 1", lines);
        Assert.Contains("# TYPE secretless_provisioning_duration_seconds histogram", lines);
        Assert.Contains("secretless_provisioning_duration_seconds_bucket{le=\"+Inf\"} 3", lines);
        Assert.Contains("secretless_provisioning_duration_seconds_count 3", lines);
    }
}
