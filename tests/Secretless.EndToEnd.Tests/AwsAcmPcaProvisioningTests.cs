using System.Net;
using Secretless.EndToEnd.Tests.Deployments;

namespace Secretless.EndToEnd.Tests;

/// <summary>
/// The provisioning suite with DynamoDB, ACM PCA, AWS IoT Core and S3 chosen by configuration alone,
/// plus what only a cloud backend does: throttling reaches the device as 503 + Retry-After.
/// </summary>
public sealed class AwsAcmPcaProvisioningTests(AwsAcmPcaDeployment deployment) : ServeSuite<AwsAcmPcaDeployment>(deployment)
{
    // The issuer's and registry's MaxAttempts (default 3): every attempt of one request is throttled.
    private const int Attempts = 3;

    [Fact]
    public async Task PostNew_AcmPcaThrottled_503WithRetryAfterThenRetryIssues()
    {
        var device = await NewDeviceAsync("pca-throttled", TestKeyKind.EcP256);
        await Deployment.ImportAsync([device]);
        Deployment.Aws.FailNext("IssueCertificate", "ThrottlingException", Attempts);

        using var throttled = await PostNewAsync(device.DeviceCsrHeader);

        await AssertProblemAsync(throttled, HttpStatusCode.ServiceUnavailable, "backend-unavailable");
        Assert.Equal(TimeSpan.FromSeconds(5), throttled.Headers.RetryAfter?.Delta);
        Assert.Null(await Deployment.FindThingAsync(device.DeviceId));

        using var retried = await PostNewAsync(device.DeviceCsrHeader);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        // Every call serve made was signed the way AWS verifies it.
        Assert.Equal(0, Deployment.Aws.RejectedSignatures);
    }

    [Fact]
    public async Task PostNew_RegistryThrottledAfterIssuance_503ThenRetryRegistersTheSameCertificate()
    {
        var device = await NewDeviceAsync("iot-throttled", TestKeyKind.EcP256);
        await Deployment.ImportAsync([device]);
        Deployment.Aws.FailNext("CreateThing", "ThrottlingException", Attempts);
        var issuedBefore = await Deployment.CountIssuedAsync();

        using var throttled = await PostNewAsync(device.DeviceCsrHeader);

        await AssertProblemAsync(throttled, HttpStatusCode.ServiceUnavailable, "backend-unavailable");
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter?.Delta);
        // Issued and registered, but never left ACTIVE without its thing: no orphan.
        var orphan = Assert.Single(Deployment.Aws.Iot.Certificates.Values, c => IsOf(c.Pem, device));
        Assert.Equal("INACTIVE", orphan.Status);

        using var retried = await PostNewAsync(device.DeviceCsrHeader);

        var body = await retried.Content.ReadAsStringAsync();
        Assert.True(retried.StatusCode == HttpStatusCode.OK, body);
        var answer = ProvisioningAnswer.Parse(body);
        Assert.Equal(orphan.Id, answer.CertificateId);
        Assert.Equal(issuedBefore + 1, await Deployment.CountIssuedAsync());
        var registered = Assert.Single((await Deployment.FindThingAsync(device.DeviceId))!.Certificates);
        Assert.Equal("ACTIVE", registered.Status);
    }

    private static bool IsOf(string certificatePem, DeviceKeyFixture device)
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(certificatePem);
        return certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(device.PublicKeySpkiDer);
    }
}
