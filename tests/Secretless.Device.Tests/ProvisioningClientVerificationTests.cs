using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Secretless.Device.Tests.Support;

namespace Secretless.Device.Tests;

/// <summary>Answers the real server never gives, crafted by a tiny Kestrel server: the client must refuse them.</summary>
public sealed class ProvisioningClientVerificationTests
{
    [Fact]
    public async Task ProvisionAsync_CertificateForAnotherKey_RefusesIt()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var server = await CraftedServer.StartAsync(
            ca.ChainPem, CraftedServer.Issue(ca.IssueLeafPem(otherKey, "dev-1"), ca.Issuer.ExportCertificatePem()));

        var error = await Assert.ThrowsAsync<CertificateVerificationException>(() => ProvisionAsync(server, "dev-1", deviceKey));

        Assert.Contains("another public key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_CertificateNamingAnotherDevice_RefusesIt()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var deviceKey = RSA.Create(2048);
        await using var server = await CraftedServer.StartAsync(
            ca.ChainPem, CraftedServer.Issue(ca.IssueLeafPem(deviceKey, "dev-2"), ca.Issuer.ExportCertificatePem()));

        var error = await Assert.ThrowsAsync<CertificateVerificationException>(() => ProvisionAsync(server, "dev-1", deviceKey));

        Assert.Contains("does not name this device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_CertificateFromAnotherCa_RefusesIt()
    {
        using var served = new TestCertificateAuthority("Served");
        using var rogue = new TestCertificateAuthority("Rogue");
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var server = await CraftedServer.StartAsync(
            served.ChainPem, CraftedServer.Issue(rogue.IssueLeafPem(deviceKey, "dev-1"), rogue.ChainPem));

        var error = await Assert.ThrowsAsync<CertificateVerificationException>(() => ProvisionAsync(server, "dev-1", deviceKey));

        Assert.Contains("does not chain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_MatchingCraftedCertificate_IsAccepted()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var server = await CraftedServer.StartAsync(
            ca.ChainPem, CraftedServer.Issue(ca.IssueLeafPem(deviceKey, "dev-1"), ca.Issuer.ExportCertificatePem()));

        var result = await ProvisionAsync(server, "dev-1", deviceKey);

        Assert.Equal("crafted", result.CertificateId);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), result.NotAfter);
    }

    [Fact]
    public async Task ProvisionAsync_Empty500_ThrowsWithStatusAndNoCode()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var server = await CraftedServer.StartAsync(ca.ChainPem, context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<ProvisioningFailedException>(() => ProvisionAsync(server, "dev-1", deviceKey));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Null(error.ProblemCode);
    }

    [Fact]
    public async Task ProvisionAsync_503WithRetryAfter_CarriesCodeAndDelay()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var server = await CraftedServer.StartAsync(ca.ChainPem, async context =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = 7.ToString(CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(
                "{\"type\":\"https://secretless.dev/problems/backend-unavailable\",\"title\":\"Backend unavailable\",\"status\":503,\"detail\":\"busy\",\"code\":\"backend-unavailable\"}");
        });

        var error = await Assert.ThrowsAsync<ProvisioningFailedException>(() => ProvisionAsync(server, "dev-1", deviceKey));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("backend-unavailable", error.ProblemCode);
        Assert.Equal("busy", error.Detail);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task ProvisionAsync_SendsBase64OfPemInDeviceCsrHeader()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string? received = null;
        await using var server = await CraftedServer.StartAsync(ca.ChainPem, context =>
        {
            received = context.Request.Headers["device-csr"].ToString();
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });

        await Assert.ThrowsAsync<ProvisioningFailedException>(() => ProvisionAsync(server, "dev-1", deviceKey));

        var pem = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(received!));
        var request = System.Security.Cryptography.X509Certificates.CertificateRequest.LoadSigningRequestPem(
            pem, HashAlgorithmName.SHA256);
        Assert.Equal("CN=dev-1", request.SubjectName.Name);
    }

    private static async Task<ProvisioningResult> ProvisionAsync(CraftedServer server, string deviceId, AsymmetricAlgorithm key)
    {
        using var http = new HttpClient();
        return await new ProvisioningClient(http).ProvisionAsync(deviceId, key, server.BaseUri, null, CancellationToken.None);
    }
}
