using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Secretless.Core.Devices;
using Secretless.Core.Issuance;
using Secretless.Local.Pki;
using Secretless.Server.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Server.Tests;

public sealed class ProvisioningRefusalTests
{
    [Fact]
    public async Task PostNew_UnknownDevice_Answers404DeviceNotRegistered()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "ghost-1", TestKeyKind.EcP256);

        using var response = await server.PostNewAsync(device.DeviceCsrHeader);

        var detail = await ServerRequests.AssertProblemAsync(response, 404, "device-not-registered");
        Assert.Contains("ghost-1", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostNew_CsrFromAnotherKey_Answers403PublicKeyMismatch()
    {
        await using var server = await RunningServer.StartAsync();
        var registered = await DeviceKeyFixture.CreateAsync(server.Scratch, "meter-7", TestKeyKind.EcP256);
        var impostor = await DeviceKeyFixture.CreateAsync(server.Scratch, "meter-7", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(registered);

        using var response = await server.PostNewAsync(impostor.DeviceCsrHeader);

        await ServerRequests.AssertProblemAsync(response, 403, "public-key-mismatch");
    }

    [Fact]
    public async Task PostNew_DisabledDevice_Answers403DeviceDisabled()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "meter-8", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);
        await server.GetRequiredService<IDeviceDirectory>().SetStatusAsync(device.DeviceId, DeviceStatus.Disabled, CancellationToken.None);

        using var response = await server.PostNewAsync(device.DeviceCsrHeader);

        await ServerRequests.AssertProblemAsync(response, 403, "device-disabled");
    }

    [Fact]
    public async Task PostNew_DerHeaderForm_Answers200()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "meter-der", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);

        using var response = await server.PostNewAsync(device.Csr.DeviceCsrHeaderDer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PostNew_MissingHeader_Answers400CsrMissing()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.PostNewAsync();

        await ServerRequests.AssertProblemAsync(response, 400, "csr-missing");
    }

    [Theory]
    [InlineData("!!! this is not base64 !!!", "csr-not-base64")]
    [InlineData("Z2FyYmFnZSBnYXJiYWdlIGdhcmJhZ2U=", "csr-malformed")]
    public async Task PostNew_GarbageHeader_Answers400WithPreciseCode(string header, string code)
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.PostNewAsync(header);

        await ServerRequests.AssertProblemAsync(response, 400, code);
    }

    [Fact]
    public async Task PostNew_TwoDeviceCsrHeaderLines_Answers400CsrMalformed()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "meter-twice", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);

        // curl sends two separate header lines (HttpClient would fold them into one).
        var (_, output, _) = await Curl.RunShellAsync(
            "curl -s --cacert \"$CA_CHAIN\" -X POST \"$SERVER/new\" -H \"device-csr: $CSR\" -H \"device-csr: $CSR\" -w '\\n%{http_code}'",
            new Dictionary<string, string>
            {
                ["CA_CHAIN"] = server.CaChainPath,
                ["SERVER"] = server.BaseUri.ToString().TrimEnd('/'),
                ["CSR"] = device.DeviceCsrHeader,
            });

        var lines = output.Split('\n');
        Assert.Equal("400", lines[^1]);
        Assert.Contains("\"code\":\"csr-malformed\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("2 device-csr headers", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostNew_TwoValuesFoldedIntoOneHeader_Answers400CsrNotBase64()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "meter-folded", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);

        using var response = await server.PostNewAsync(device.DeviceCsrHeader, device.DeviceCsrHeader);

        await ServerRequests.AssertProblemAsync(response, 400, "csr-not-base64");
    }

    [Fact]
    public async Task PostNew_HeadersOver32Kilobytes_KestrelAnswers431()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.PostNewAsync(new string('A', 40 * 1024));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostNew_IssuerFailsUnexpectedly_Answers500WithEmptyBodyAndLogsWithoutCsr()
    {
        await using var server = await RunningServer.StartAsync(services =>
            services.Replace(ServiceDescriptor.Singleton<ICertificateAuthority>(provider =>
                new FailingCertificateAuthority(provider.GetRequiredService<LocalCertificateAuthority>()))));
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "meter-crash", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);

        using var response = await server.PostNewAsync(device.DeviceCsrHeader);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var entry = Assert.Single(server.Log.Entries, entry => entry.EventId == 2001);
        Assert.Equal(FailingCertificateAuthority.FailureMessage, entry.Exception?.Message);
        var csrBase64 = Convert.ToBase64String(device.CsrDer)[..40];
        Assert.DoesNotContain(server.Log.Entries, logged =>
            logged.Message.Contains(device.DeviceCsrHeader[..40], StringComparison.Ordinal)
            || logged.Message.Contains(csrBase64, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostNew_AnyRefusal_RequestLogCarriesNoHeaderValue()
    {
        await using var server = await RunningServer.StartAsync();
        const string header = "bm90LWEtY3NyLWJ1dC1zZWNyZXQtbG9va2luZw==";

        using var response = await server.PostNewAsync(header);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(server.Log.Entries, entry => entry.EventId == 2010 && entry.Message.Contains("POST /new answered 400", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Log.Entries, entry => entry.Message.Contains(header, StringComparison.Ordinal)
            || entry.Message.Contains(Encoding.ASCII.GetString(Convert.FromBase64String(header)), StringComparison.Ordinal));
    }
}
