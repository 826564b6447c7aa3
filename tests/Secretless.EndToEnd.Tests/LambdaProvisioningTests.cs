using System.Net;
using Secretless.EndToEnd.Tests.Deployments;

namespace Secretless.EndToEnd.Tests;

/// <summary>
/// The provisioning suite through API Gateway and Lambda: the published <c>bootstrap</c> as the
/// authorizer and issuer functions behind the local API Gateway, on DynamoDB, S3, ACM PCA and AWS
/// IoT Core emulators. Plus what only this path can break: refusals rendered by gateway responses
/// or answered by the issuer must reach the device exactly as <c>secretless serve</c> sends them.
/// </summary>
public sealed class LambdaProvisioningTests(LambdaDeployment deployment) : ProvisioningSuite<LambdaDeployment>(deployment)
{
    // The issuer's MaxAttempts (default 3): every attempt of one request is throttled.
    private const int Attempts = 3;

    [Fact]
    public async Task PostNew_AcmPcaThrottled_503WithRetryAfterThenRetryIssues()
    {
        var device = await NewDeviceAsync("lambda-throttled", TestKeyKind.EcP256);
        await Deployment.ImportAsync([device]);
        Deployment.Aws.FailNext("IssueCertificate", "ThrottlingException", Attempts);

        using var throttled = await PostNewAsync(device.DeviceCsrHeader);

        await AssertProblemAsync(throttled, HttpStatusCode.ServiceUnavailable, "backend-unavailable");
        Assert.Equal(TimeSpan.FromSeconds(5), throttled.Headers.RetryAfter?.Delta);
        Assert.Null(await Deployment.FindThingAsync(device.DeviceId));

        using var retried = await PostNewAsync(device.DeviceCsrHeader);
        var body = await retried.Content.ReadAsStringAsync();
        Assert.True(retried.StatusCode == HttpStatusCode.OK, $"{(int)retried.StatusCode}: {body}");
        Assert.Equal(0, Deployment.Aws.RejectedSignatures);
    }

    [Fact]
    public async Task PostNew_Refusals_SameStatusContentTypeAndBodyBytesAsServe()
    {
        // The same device id registered in both stacks, the same impostor CSR sent to both.
        var registered = await NewDeviceAsync("same-as-serve", TestKeyKind.EcP256);
        var impostor = await DeviceKeyFixture.CreateAsync(Deployment.Scratch, registered.DeviceId, TestKeyKind.EcP256);
        var unknown = await NewDeviceAsync("same-as-serve-unknown", TestKeyKind.EcP256);
        await Deployment.ImportAsync([registered]);
        await using var serve = new ServeComparison();
        await serve.StartAsync([registered]);

        // 403 (gateway response), 404 and 400 (issuer), 400 csr-missing (gateway response, authorizer not called).
        string?[] headers = [impostor.DeviceCsrHeader, unknown.DeviceCsrHeader, "not base64 at all!", null, ""];
        foreach (var header in headers)
        {
            using var throughGateway = await PostNewAsync(header);
            using var fromServe = await serve.PostNewAsync(header);

            var gatewayBody = await throughGateway.Content.ReadAsByteArrayAsync();
            var serveBody = await fromServe.Content.ReadAsByteArrayAsync();
            var what = $"header '{header}': gateway {(int)throughGateway.StatusCode} {System.Text.Encoding.UTF8.GetString(gatewayBody)} / serve {(int)fromServe.StatusCode} {System.Text.Encoding.UTF8.GetString(serveBody)}";
            Assert.True(fromServe.StatusCode == throughGateway.StatusCode, what);
            Assert.True(gatewayBody.AsSpan().SequenceEqual(serveBody), what);
            Assert.Equal(fromServe.Content.Headers.ContentType?.MediaType, throughGateway.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task PostNew_ThroughGateway_AuthorizerGetsRequestEventAndIssuerItsDecision()
    {
        var device = await NewDeviceAsync("events", TestKeyKind.EcP256);
        await Deployment.ImportAsync([device]);
        var authorizedBefore = Deployment.Gateway.IssuerEvents.Count;

        using var response = await PostNewAsync(device.DeviceCsrHeader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = Deployment.Gateway.IssuerEvents.Skip(authorizedBefore)
            .Single(e => e["headers"]?["device-csr"]?.GetValue<string>() == device.DeviceCsrHeader);
        var authorizer = issued["requestContext"]!["authorizer"]!;
        Assert.Equal(device.DeviceId, authorizer["principalId"]!.GetValue<string>());
        Assert.Equal(device.DeviceId, authorizer["deviceId"]!.GetValue<string>());
    }
}
