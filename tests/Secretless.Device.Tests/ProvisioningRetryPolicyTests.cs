using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Secretless.Device.Tests;

public sealed class ProvisioningRetryPolicyTests
{
    private static readonly ProvisioningRetryPolicy Policy = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(2),
        Multiplier = 2,
        Deadline = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(5, 1600)]
    [InlineData(6, 2000)]
    [InlineData(500, 2000)]
    public void BackoffCap_NthRetry_GrowsByMultiplierUpToMaxDelay(int retry, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), Policy.BackoffCap(retry));
    }

    [Fact]
    public void NextDelay_ManySamples_FullJitterCoversZeroToCap()
    {
        var random = new Random(42);
        var cap = Policy.BackoffCap(4);

        var delays = Enumerable.Range(0, 2000).Select(_ => Policy.NextDelay(4, null, random)).ToList();

        Assert.All(delays, delay => Assert.InRange(delay, TimeSpan.Zero, cap));
        // Full jitter, not "cap ± a little": the samples reach both ends of the range.
        Assert.True(delays.Min() < cap * 0.05, $"smallest delay {delays.Min()}");
        Assert.True(delays.Max() > cap * 0.95, $"largest delay {delays.Max()}");
    }

    [Fact]
    public void NextDelay_SameSeed_SameDelays()
    {
        var first = Enumerable.Range(1, 10).Select(retry => Policy.NextDelay(retry, null, new Random(7))).ToList();
        var second = Enumerable.Range(1, 10).Select(retry => Policy.NextDelay(retry, null, new Random(7))).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void NextDelay_RetryAfterAboveCap_WaitsExactlyRetryAfter()
    {
        var random = new Random(1);

        var delays = Enumerable.Range(0, 100).Select(_ => Policy.NextDelay(1, TimeSpan.FromSeconds(7), random));

        Assert.All(delays, delay => Assert.Equal(TimeSpan.FromSeconds(7), delay));
    }

    [Fact]
    public void NextDelay_RetryAfterBelowCap_IsAFloorNotAReplacement()
    {
        var random = new Random(3);
        var floor = TimeSpan.FromMilliseconds(500);

        var delays = Enumerable.Range(0, 500).Select(_ => Policy.NextDelay(5, floor, random)).ToList();

        Assert.All(delays, delay => Assert.InRange(delay, floor, Policy.BackoffCap(5)));
        Assert.Contains(delays, delay => delay > floor);
    }

    [Theory]
    [InlineData(29_000, 999, true)]
    [InlineData(29_000, 1000, false)]
    [InlineData(31_000, 0, false)]
    public void AllowsRetry_ElapsedPlusDelay_StopsAtDeadline(int elapsedMilliseconds, int delayMilliseconds, bool expected)
    {
        Assert.Equal(expected, Policy.AllowsRetry(TimeSpan.FromMilliseconds(elapsedMilliseconds), TimeSpan.FromMilliseconds(delayMilliseconds)));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, null, ProvisioningStep.PostCsr, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "backend-unavailable", ProvisioningStep.PostCsr, true)]
    [InlineData(HttpStatusCode.BadGateway, null, ProvisioningStep.FetchCaChain, true)]
    [InlineData(HttpStatusCode.TooManyRequests, "too-many-requests", ProvisioningStep.PostCsr, true)]
    [InlineData(HttpStatusCode.RequestTimeout, null, ProvisioningStep.PostCsr, true)]
    [InlineData(HttpStatusCode.NotFound, "payload-not-ready", ProvisioningStep.PollCertificateUrl, true)]
    [InlineData(HttpStatusCode.NotFound, "device-not-registered", ProvisioningStep.PostCsr, false)]
    [InlineData(HttpStatusCode.NotFound, "payload-not-ready", ProvisioningStep.PostCsr, false)]
    [InlineData(HttpStatusCode.BadRequest, "csr-malformed", ProvisioningStep.PostCsr, false)]
    [InlineData(HttpStatusCode.Forbidden, "device-disabled", ProvisioningStep.PostCsr, false)]
    [InlineData(HttpStatusCode.Forbidden, "payload-url-invalid", ProvisioningStep.PollCertificateUrl, false)]
    public void IsTransient_Status_RetriesOnlyWhatMayPass(HttpStatusCode status, string? code, ProvisioningStep step, bool expected)
    {
        var failure = new ProvisioningFailedException(status, code, "detail", null);

        Assert.Equal(expected, ProvisioningRetryPolicy.IsTransient(failure, step));
    }

    [Fact]
    public void IsTransient_ConnectionFailures_AreRetriedButUntrustedTlsIsNot()
    {
        var reset = new HttpRequestException("reset", new SocketException((int)SocketError.ConnectionReset));
        var cutHandshake = new HttpRequestException("ssl", new AuthenticationException("eof", new IOException("unexpected EOF")));
        var untrusted = new HttpRequestException("ssl", new AuthenticationException("The remote certificate is invalid"));

        Assert.True(ProvisioningRetryPolicy.IsTransient(reset, ProvisioningStep.PostCsr));
        Assert.True(ProvisioningRetryPolicy.IsTransient(new IOException("cut"), ProvisioningStep.PostCsr));
        Assert.True(ProvisioningRetryPolicy.IsTransient(cutHandshake, ProvisioningStep.FetchCaChain));
        Assert.False(ProvisioningRetryPolicy.IsTransient(untrusted, ProvisioningStep.FetchCaChain));
        Assert.False(ProvisioningRetryPolicy.IsTransient(new CertificateVerificationException("bad"), ProvisioningStep.PostCsr));
    }
}
