using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Secretless.Core.Delivery;
using Secretless.Core.Issuance;
using Secretless.Local.Pki;
using Secretless.Server.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Server.Tests;

public sealed class LatentDeliveryTests
{
    [Fact]
    public async Task PostNew_DeviceDeliveryUrl_202LocationServesTheSameBodyAsA200()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "latent-1", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);

        using var accepted = await server.PostNewWithDeliveryAsync(device.DeviceCsrHeader, "url");
        var latent = await LatentAnswer.ReadAsync(accepted);
        using var fetched = await server.Client.GetAsync(latent.Location);
        using var direct = await server.PostNewAsync(device.DeviceCsrHeader);

        Assert.Equal(server.BaseUri.Authority, latent.Location.Authority);
        Assert.Equal("https", latent.Location.Scheme);
        Assert.StartsWith("/payloads/", latent.Location.AbsolutePath, StringComparison.Ordinal);
        Assert.InRange(latent.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("application/json", fetched.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        var fetchedBody = await fetched.Content.ReadAsByteArrayAsync();
        Assert.Equal(await direct.Content.ReadAsByteArrayAsync(), fetchedBody);
        var answer = ProvisioningAnswer.Parse(System.Text.Encoding.UTF8.GetString(fetchedBody));
        using var certificate = X509Certificate2.CreateFromPem(answer.Certificate);
        Assert.Equal("CN=latent-1", certificate.Subject);
    }

    [Theory]
    [InlineData("inline")]
    [InlineData("")]
    public async Task PostNew_DeviceDeliveryNotUrl_400DeliveryModeInvalid(string delivery)
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "latent-bad", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);

        using var response = await server.PostNewWithDeliveryAsync(device.DeviceCsrHeader, delivery);

        await ServerRequests.AssertProblemAsync(response, 400, DeliveryErrorCodes.DeliveryModeInvalid);
    }

    [Theory]
    [InlineData("path")]
    [InlineData("expires")]
    [InlineData("signature")]
    public async Task GetPayload_UrlModified_403PayloadUrlInvalid(string part)
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "latent-tamper", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);
        using var accepted = await server.PostNewWithDeliveryAsync(device.DeviceCsrHeader, "url");
        var location = (await LatentAnswer.ReadAsync(accepted)).Location;

        var tampered = Tamper(location, part);
        using var response = await server.Client.GetAsync(tampered);

        await ServerRequests.AssertProblemAsync(response, 403, DeliveryErrorCodes.PayloadUrlInvalid);
        using var genuine = await server.Client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task GetPayload_PathTraversalKey_Refused()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.GetAsync("payloads/..%2Furl-signing.key?expires=99999999999&signature=x");

        await ServerRequests.AssertProblemAsync(response, 403, DeliveryErrorCodes.PayloadUrlInvalid);
    }

    [Fact]
    public async Task GetPayload_UrlExpired_403PayloadUrlExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "latent-expired", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);
        using var accepted = await server.PostNewWithDeliveryAsync(device.DeviceCsrHeader, "url");
        var latent = await LatentAnswer.ReadAsync(accepted);
        using var beforeExpiry = await server.Client.GetAsync(latent.Location);

        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        using var afterExpiry = await server.Client.GetAsync(latent.Location);

        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        await ServerRequests.AssertProblemAsync(afterExpiry, 403, DeliveryErrorCodes.PayloadUrlExpired);
    }

    [Fact]
    public async Task GetPayload_IssuanceStillRunningAfterDeadline_404RetryAfterThenTheBody()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
            services.AddSingleton(provider => new GatedCertificateAuthority(provider.GetRequiredService<LocalCertificateAuthority>()));
            services.Replace(ServiceDescriptor.Singleton<ICertificateAuthority>(provider => provider.GetRequiredService<GatedCertificateAuthority>()));
        });
        var gate = server.GetRequiredService<GatedCertificateAuthority>();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "latent-slow", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);

        var posting = server.PostNewAsync(device.DeviceCsrHeader);
        await gate.Entered;
        time.Advance(TimeSpan.FromSeconds(10)); // the default deadline
        using var accepted = await posting;
        var latent = await LatentAnswer.ReadAsync(accepted);
        using var notReady = await server.Client.GetAsync(latent.Location);

        await ServerRequests.AssertProblemAsync(notReady, 404, DeliveryErrorCodes.PayloadNotReady);
        Assert.Equal(TimeSpan.FromSeconds(2), notReady.Headers.RetryAfter?.Delta);

        gate.Open();
        await server.GetRequiredService<LatentDelivery>().DrainAsync(CancellationToken.None);
        using var ready = await server.Client.GetAsync(latent.Location);
        using var direct = await server.PostNewAsync(device.DeviceCsrHeader);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(await direct.Content.ReadAsByteArrayAsync(), await ready.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, gate.IssueCalls);
    }

    private static Uri Tamper(Uri location, string part)
    {
        var text = location.AbsoluteUri;
        switch (part)
        {
            case "path":
                var keyEnd = text.IndexOf('?', StringComparison.Ordinal);
                return new Uri(text[..(keyEnd - 1)] + (text[keyEnd - 1] == '0' ? '1' : '0') + text[keyEnd..]);
            case "expires":
                var start = text.IndexOf("expires=", StringComparison.Ordinal) + "expires=".Length;
                var end = text.IndexOf('&', start);
                var expires = long.Parse(text[start..end], System.Globalization.CultureInfo.InvariantCulture) + 86_400;
                return new Uri(text[..start] + expires.ToString(System.Globalization.CultureInfo.InvariantCulture) + text[end..]);
            default:
                var signatureStart = text.IndexOf("signature=", StringComparison.Ordinal) + "signature=".Length;
                var replacement = text[signatureStart] == 'A' ? 'B' : 'A';
                return new Uri(text[..signatureStart] + replacement + text[(signatureStart + 1)..]);
        }
    }
}
