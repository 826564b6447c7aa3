using System.Net;
using System.Text.Json;
using Secretless.EndToEnd.Tests.Deployments;

namespace Secretless.EndToEnd.Tests;

/// <summary>
/// The provisioning suite plus the routes only <c>secretless serve</c> has (readiness and the CA
/// chain); behind API Gateway only <c>POST /new</c> exists.
/// </summary>
public abstract class ServeSuite<TDeployment>(TDeployment deployment) : ProvisioningSuite<TDeployment>(deployment)
    where TDeployment : class, IProvisioningDeployment
{
    [Fact]
    public async Task HealthReady_BackendsReachable_ReadyWithEveryCheckOk()
    {
        using var client = DeploymentHttp.CreateClient(Deployment);

        using var response = await client.GetAsync("health/ready");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.All(json.RootElement.GetProperty("checks").EnumerateObject(), check => Assert.Equal("ok", check.Value.GetString()));
    }

    [Fact]
    public async Task GetCa_AfterIssuance_ServesTheChainDevicesReceive()
    {
        var device = await NewDeviceAsync("ca", TestKeyKind.EcP256);
        await Deployment.ImportAsync([device]);
        using var issued = await PostNewAsync(device.DeviceCsrHeader);
        var answer = ProvisioningAnswer.Parse(await issued.Content.ReadAsStringAsync());
        using var client = DeploymentHttp.CreateClient(Deployment);

        var served = await client.GetStringAsync("ca");

        Assert.Equal(Certificates(answer.CertificateChain), Certificates(served));
        Assert.NotEmpty(Certificates(served));
    }

    private static List<string> Certificates(string pem)
    {
        var collection = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return [.. collection.Select(certificate => certificate.Thumbprint)];
    }
}
