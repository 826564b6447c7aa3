using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Secretless.Device.Tests.Support;

namespace Secretless.Device.Tests;

/// <summary>The resilient client against crafted answers (a real Kestrel on 127.0.0.1) the real server gives rarely or never.</summary>
public sealed class ResilientProvisioningClientTests
{
    private static readonly ProvisioningRetryPolicy FastPolicy = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        Deadline = TimeSpan.FromMinutes(1),
        AttemptTimeout = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task ProvisionAsync_Empty500ThenSuccess_RetriesWithTheSameCsr()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issue = CraftedServer.Issue(ca.IssueLeafPem(key, "dev-1"), ca.Issuer.ExportCertificatePem());
        var csrs = new ConcurrentQueue<string>();
        await using var server = await CraftedServer.StartAsync(ca.ChainPem, async context =>
        {
            csrs.Enqueue(context.Request.Headers["device-csr"].ToString());
            if (csrs.Count <= 2)
            {
                context.Response.StatusCode = 500;
                return;
            }

            await issue(context);
        });

        var result = await ProvisionAsync(server, key);

        Assert.Equal(3, csrs.Count);
        Assert.Single(csrs.Distinct());
        Assert.Equal(4, result.Attempts);
        Assert.Equal(2, result.Retries);
        Assert.False(result.DeliveredByUrl);
        Assert.Equal("crafted", result.Certificate.CertificateId);
    }

    [Theory]
    [InlineData(400, "csr-malformed")]
    [InlineData(403, "device-disabled")]
    [InlineData(404, "device-not-registered")]
    public async Task ProvisionAsync_FinalRefusal_ThrowsAfterOneAttempt(int status, string code)
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var posts = 0;
        await using var server = await CraftedServer.StartAsync(ca.ChainPem, context =>
        {
            Interlocked.Increment(ref posts);
            return Problem(context, status, code, retryAfterSeconds: null);
        });

        var error = await Assert.ThrowsAsync<ProvisioningFailedException>(() => ProvisionAsync(server, key));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(code, error.ProblemCode);
        Assert.Equal(1, posts);
    }

    [Fact]
    public async Task ProvisionAsync_RetryAfterBeyondDeadline_GivesUpWithoutWaiting()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var posts = 0;
        await using var server = await CraftedServer.StartAsync(ca.ChainPem, context =>
        {
            Interlocked.Increment(ref posts);
            return Problem(context, 503, "backend-unavailable", retryAfterSeconds: 3600);
        });

        var error = await Assert.ThrowsAsync<ProvisioningGaveUpException>(() => ProvisionAsync(server, key));

        Assert.Equal(ProvisioningStep.PostCsr, error.Step);
        Assert.Equal(2, error.Attempts);
        Assert.Equal(1, posts);
        var last = Assert.IsType<ProvisioningFailedException>(error.InnerException);
        Assert.Equal(TimeSpan.FromHours(1), last.RetryAfter);
    }

    [Fact]
    public async Task ProvisionAsync_202ThenNotReady_PollsTheCertificateUrlUntilReady()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issue = CraftedServer.Issue(ca.IssueLeafPem(key, "dev-1"), ca.Issuer.ExportCertificatePem());
        string? deliveryHeader = null;
        var polls = 0;
        await using var server = await CraftedServer.StartAsync(
            ca.ChainPem,
            context =>
            {
                deliveryHeader = context.Request.Headers["device-delivery"].ToString();
                return Accepted(context, "/payloads/abc?expires=1&signature=x");
            },
            app => app.MapGet("/payloads/abc", context =>
                Interlocked.Increment(ref polls) <= 2 ? Problem(context, 404, "payload-not-ready", retryAfterSeconds: 0) : issue(context)));

        var result = await ProvisionAsync(server, key, ProvisioningDelivery.Url);

        Assert.Equal("url", deliveryHeader);
        Assert.True(result.DeliveredByUrl);
        Assert.Equal(3, polls);
        Assert.Equal(2, result.Retries);
        Assert.Equal(5, result.Attempts);
        Assert.Equal("crafted", result.Certificate.CertificateId);
    }

    [Fact]
    public async Task ProvisionAsync_CertificateUrlExpired_PostsTheSameCsrAgainForAFreshUrl()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issue = CraftedServer.Issue(ca.IssueLeafPem(key, "dev-1"), ca.Issuer.ExportCertificatePem());
        var csrs = new ConcurrentQueue<string>();
        await using var server = await CraftedServer.StartAsync(
            ca.ChainPem,
            context =>
            {
                csrs.Enqueue(context.Request.Headers["device-csr"].ToString());
                return Accepted(context, csrs.Count == 1 ? "/payloads/old" : "/payloads/new");
            },
            app =>
            {
                app.MapGet("/payloads/old", context => Problem(context, 403, "payload-url-expired", retryAfterSeconds: null));
                app.MapGet("/payloads/new", issue);
            });

        var result = await ProvisionAsync(server, key, ProvisioningDelivery.Url);

        Assert.Equal(2, csrs.Count);
        Assert.Single(csrs.Distinct());
        Assert.Equal("crafted", result.Certificate.CertificateId);
    }

    [Fact]
    public async Task ProvisionAsync_TamperedCertificateUrl_Is403AndFinal()
    {
        using var ca = new TestCertificateAuthority("Crafted");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var polls = 0;
        await using var server = await CraftedServer.StartAsync(
            ca.ChainPem,
            context => Accepted(context, "/payloads/abc"),
            app => app.MapGet("/payloads/abc", context =>
            {
                Interlocked.Increment(ref polls);
                return Problem(context, 403, "payload-url-invalid", retryAfterSeconds: null);
            }));

        var error = await Assert.ThrowsAsync<ProvisioningFailedException>(() => ProvisionAsync(server, key, ProvisioningDelivery.Url));

        Assert.Equal("payload-url-invalid", error.ProblemCode);
        Assert.Equal(1, polls);
    }

    private static async Task<ResilientProvisioningResult> ProvisionAsync(
        CraftedServer server, AsymmetricAlgorithm key, ProvisioningDelivery delivery = ProvisioningDelivery.Direct)
    {
        using var http = new HttpClient();
        var client = new ResilientProvisioningClient(http, FastPolicy, random: new Random(5));
        return await client.ProvisionAsync("dev-1", key, server.BaseUri, null, delivery, CancellationToken.None);
    }

    private static async Task Accepted(HttpContext context, string relativeUrl)
    {
        var absolute = $"{context.Request.Scheme}://{context.Request.Host}{relativeUrl}";
        context.Response.StatusCode = 202;
        context.Response.Headers.Location = absolute;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"certificateUrl\":\"{absolute}\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}}");
    }

    private static async Task Problem(HttpContext context, int status, string code, int? retryAfterSeconds)
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync($"{{\"title\":\"t\",\"status\":{status},\"detail\":\"d\",\"code\":\"{code}\"}}");
    }
}
