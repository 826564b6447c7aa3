using Secretless.Aws.Http;
using Secretless.Core.Errors;

namespace Secretless.Aws.Tests.Iot;

/// <summary>Throttling and outages of AWS IoT: retried by the transport, then "backend unavailable" (503 + Retry-After).</summary>
public sealed class IotCoreThingRegistryAvailabilityTests
{
    [Fact]
    public async Task EnsureThingAsync_ThrottledTwice_IsRetriedAndSucceeds()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        harness.Fake.FailNext("CreateThing", "ThrottlingException", 2);

        await registry.EnsureThingAsync("dev-0001", CancellationToken.None);

        Assert.Equal(3, harness.CallCount("CreateThing"));
        Assert.True(harness.Fake.Iot.Things.ContainsKey("dev-0001"));
    }

    [Fact]
    public async Task EnsureThingAsync_ThrottledBeyondRetries_ThrowsBackendUnavailable()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry(o =>
        {
            o.MaxAttempts = 2;
            o.UnavailableRetryAfter = TimeSpan.FromSeconds(7);
        });
        harness.Fake.FailNext("CreateThing", "ThrottlingException", 2);

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => registry.EnsureThingAsync("dev-0001", CancellationToken.None));

        Assert.Equal("iot", error.Backend);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal(2, harness.CallCount("CreateThing"));
        Assert.Empty(harness.Fake.Iot.Things);
    }

    [Fact]
    public async Task RegisterCertificateAsync_ServiceUnavailable_ThrowsBackendUnavailable()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        harness.Fake.FailNext("RegisterCertificate", "ServiceUnavailableException", 3);

        await Assert.ThrowsAsync<BackendUnavailableException>(
            () => registry.RegisterCertificateAsync(harness.Ca.IssueDeviceCertificate("dev-0002"), CancellationToken.None));

        Assert.Equal(3, harness.CallCount("RegisterCertificate"));
    }

    [Fact]
    public async Task GetEndpointAsync_ThrottledThenAvailable_FailureIsNotCached()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry(o => o.MaxAttempts = 1);
        harness.Fake.FailNext("DescribeEndpoint", "ThrottlingException");

        await Assert.ThrowsAsync<BackendUnavailableException>(() => registry.GetEndpointAsync(CancellationToken.None).AsTask());
        var endpoint = await registry.GetEndpointAsync(CancellationToken.None);

        Assert.StartsWith(harness.Fake.Iot.DataAtsEndpoint, endpoint, StringComparison.Ordinal);
        Assert.Equal(2, harness.CallCount("DescribeEndpoint"));
    }

    [Fact]
    public async Task EnsureThingAsync_InvalidRequest_PropagatesUnretried()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        harness.Fake.FailNext("CreateThing", "InvalidRequestException");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => registry.EnsureThingAsync("dev-0001", CancellationToken.None));

        Assert.Equal("InvalidRequestException", error.ErrorCode);
        Assert.Equal(1, harness.CallCount("CreateThing"));
    }
}
