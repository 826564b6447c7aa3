using System.Net;
using System.Text.Json;
using Secretless.EndToEnd.Tests.Deployments;

namespace Secretless.EndToEnd.Tests;

/// <summary>
/// The device contract (DESIGN §3), end to end against a running deployment (<c>secretless serve</c>
/// or the Lambda functions behind the local API Gateway): devices made by openssl, imported with
/// <c>devices import</c>, provisioned over HTTP(S). Every stack runs exactly these tests; only the
/// configuration differs. Routes only serve has (health, /ca) are in <see cref="ServeSuite{TDeployment}"/>.
/// </summary>
public abstract class ProvisioningSuite<TDeployment> : IClassFixture<TDeployment>
    where TDeployment : class, IProvisioningDeployment
{
    private static readonly TimeSpan PayloadWait = TimeSpan.FromSeconds(30);

    protected ProvisioningSuite(TDeployment deployment)
    {
        Deployment = deployment;
    }

    protected TDeployment Deployment { get; }

    [Fact]
    public async Task PostNew_RegisteredDevice_CertificateRegisteredActiveOnThingWithPolicy()
    {
        var device = await NewDeviceAsync("issued", TestKeyKind.EcP256);
        await Deployment.ImportAsync([device]);

        using var response = await PostNewAsync(device.DeviceCsrHeader);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var answer = ProvisioningAnswer.Parse(body);
        using var leaf = answer.Leaf();
        Assert.Equal($"CN={device.DeviceId}", leaf.Subject);
        Assert.Equal(device.PublicKeySpkiDer, leaf.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.True(answer.ChainsToItsRoot(), "the certificate does not chain to the root of certificateChain");
        Assert.Equal(Deployment.ExpectedEndpoint, answer.Endpoint);

        // Registered before the answer: the registry already has it ACTIVE, on the thing, with the policy.
        var thing = await Deployment.FindThingAsync(device.DeviceId);
        Assert.NotNull(thing);
        var registered = Assert.Single(thing.Certificates);
        Assert.Equal(answer.CertificateId, registered.CertificateId);
        Assert.Equal("ACTIVE", registered.Status);
        Assert.Contains(Deployment.PolicyName, registered.PolicyNames);
    }

    [Theory]
    [InlineData(TestKeyKind.EcP384)]
    [InlineData(TestKeyKind.Rsa2048)]
    public async Task PostNew_OtherAllowedKeyKinds_Issued(TestKeyKind kind)
    {
        var device = await NewDeviceAsync($"kind-{kind}", kind);
        await Deployment.ImportAsync([device]);

        using var response = await PostNewAsync(device.DeviceCsrHeader);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var leaf = ProvisioningAnswer.Parse(body).Leaf();
        Assert.Equal(device.PublicKeySpkiDer, leaf.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task PostNew_SameCsrTwice_SameCertificateIssuedOnce()
    {
        var device = await NewDeviceAsync("repeat", TestKeyKind.EcP256);
        await Deployment.ImportAsync([device]);

        using var first = await PostNewAsync(device.DeviceCsrHeader);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstBody);
        var issuedAfterFirst = await Deployment.CountIssuedAsync();
        using var second = await PostNewAsync(device.DeviceCsrHeader);
        var secondBody = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(ProvisioningAnswer.Parse(firstBody), ProvisioningAnswer.Parse(secondBody));
        Assert.Equal(issuedAfterFirst, await Deployment.CountIssuedAsync());
        var thing = await Deployment.FindThingAsync(device.DeviceId);
        Assert.Single(thing!.Certificates);
    }

    [Fact]
    public async Task PostNew_UnregisteredDevice_404DeviceNotRegistered()
    {
        var device = await NewDeviceAsync("unknown", TestKeyKind.EcP256);

        using var response = await PostNewAsync(device.DeviceCsrHeader);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "device-not-registered");
        Assert.Null(await Deployment.FindThingAsync(device.DeviceId));
    }

    [Fact]
    public async Task PostNew_CsrKeyDiffersFromRegisteredKey_403PublicKeyMismatchNothingRegistered()
    {
        var registered = await NewDeviceAsync("mismatch", TestKeyKind.EcP256);
        var impostor = await DeviceKeyFixture.CreateAsync(Deployment.Scratch, registered.DeviceId, TestKeyKind.EcP256);
        await Deployment.ImportAsync([registered]);

        using var response = await PostNewAsync(impostor.DeviceCsrHeader);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "public-key-mismatch");
        Assert.Null(await Deployment.FindThingAsync(registered.DeviceId));
    }

    [Theory]
    [InlineData(null, "csr-missing")]
    [InlineData("not base64 at all!", "csr-not-base64")]
    [InlineData("aGVsbG8gd29ybGQ=", "csr-malformed")]
    public async Task PostNew_BadHeader_400WithStableCode(string? header, string code)
    {
        using var response = await PostNewAsync(header);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task PostNew_DeviceAsksForUrl_202ThenUrlServesTheCertificate()
    {
        var device = await NewDeviceAsync("latent", TestKeyKind.EcP256);
        await Deployment.ImportAsync([device]);

        using var response = await PostNewAsync(device.DeviceCsrHeader, askForUrl: true);

        var accepted = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {accepted}");
        using var document = JsonDocument.Parse(accepted);
        var url = new Uri(Deployment.ServerUrl, document.RootElement.GetProperty("certificateUrl").GetString());
        Assert.Equal(url, new Uri(Deployment.ServerUrl, response.Headers.Location!));

        var answer = ProvisioningAnswer.Parse(await FetchPayloadAsync(url));
        using var leaf = answer.Leaf();
        Assert.Equal(device.PublicKeySpkiDer, leaf.PublicKey.ExportSubjectPublicKeyInfo());
        var thing = await Deployment.FindThingAsync(device.DeviceId);
        Assert.Equal(answer.CertificateId, Assert.Single(thing!.Certificates).CertificateId);
    }

    protected async Task<DeviceKeyFixture> NewDeviceAsync(string name, TestKeyKind kind)
        => await DeviceKeyFixture.CreateAsync(Deployment.Scratch, $"e2e-{name}-{Guid.NewGuid():N}", kind);

    protected async Task<HttpResponseMessage> PostNewAsync(string? deviceCsrHeader, bool askForUrl = false)
    {
        using var client = DeploymentHttp.CreateClient(Deployment);
        using var request = new HttpRequestMessage(HttpMethod.Post, "new");
        if (deviceCsrHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("device-csr", deviceCsrHeader);
        }

        if (askForUrl)
        {
            request.Headers.TryAddWithoutValidation("device-delivery", "url");
        }

        return await client.SendAsync(request);
    }

    protected static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
    }

    // The URL may be the server's own (embedded) or another host's (S3): fetched like a device would, polling while not ready.
    private async Task<string> FetchPayloadAsync(Uri url)
    {
        using var client = DeploymentHttp.CreateClient(Deployment);
        var deadline = DateTimeOffset.UtcNow + PayloadWait;
        while (true)
        {
            using var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsStringAsync();
            }

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url}: {(int)response.StatusCode}");
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the payload at {url} was not ready within {PayloadWait}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
