using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Aws.Iot;
using Secretless.Core.Errors;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.TestSupport;
using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.Iot;

/// <summary>AWS IoT's own CA (CreateCertificateFromCsr) with an openssl-made device CSR, against the fake endpoint.</summary>
public sealed class IotCoreCertificateAuthorityTests
{
    [Fact]
    public async Task IssueAsync_DeviceCsr_ReturnsInactiveCertificateChainingToAwsIotCa()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var dir = new TemporaryDirectory("iot-ca");
        var device = await DeviceKeyFixture.CreateAsync(dir, "dev-0001", TestKeyKind.EcP256);
        using var provider = BuildAuthority(fake, _ => { });
        var authority = provider.GetRequiredService<ICertificateAuthority>();

        var issued = await authority.IssueAsync(ProfileFor(device), CancellationToken.None);

        using var certificate = X509CertificateLoader.LoadCertificate(issued.CertificateDer);
        Assert.Equal(device.PublicKeySpkiDer, certificate.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), issued.NotAfter);
        Assert.Equal(Convert.ToHexStringLower(certificate.SerialNumberBytes.Span), issued.SerialNumberHex);
        Assert.True(ChainsTo(certificate, fake.Iot.AwsIotCaCertificate));
        var stored = Assert.Single(fake.Iot.Certificates.Values);
        Assert.Equal(stored.Arn, issued.AuthorityReference);
        Assert.Equal("INACTIVE", stored.Status);
        Assert.Empty(issued.ChainDer);
    }

    [Fact]
    public async Task IssueAsync_ThenRegistryRegistersIt_CertificateBecomesActive()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var dir = new TemporaryDirectory("iot-ca");
        var device = await DeviceKeyFixture.CreateAsync(dir, "dev-0002", TestKeyKind.EcP256);
        using var provider = BuildAuthority(fake, _ => { }, registry: true);
        var issued = await provider.GetRequiredService<ICertificateAuthority>().IssueAsync(ProfileFor(device), CancellationToken.None);

        var id = await provider.GetRequiredService<Secretless.Core.Registry.IThingRegistry>().RegisterCertificateAsync(issued.CertificateDer, CancellationToken.None);

        Assert.Equal(issued.AuthorityReference, FakeIot.CertificateArn(id));
        Assert.Equal("ACTIVE", fake.Iot.Certificates[id].Status);
    }

    [Fact]
    public async Task IssueAsync_SetAsActive_IssuesActiveCertificate()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var dir = new TemporaryDirectory("iot-ca");
        var device = await DeviceKeyFixture.CreateAsync(dir, "dev-0003", TestKeyKind.EcP256);
        using var provider = BuildAuthority(fake, o => o.SetAsActive = true);

        await provider.GetRequiredService<ICertificateAuthority>().IssueAsync(ProfileFor(device), CancellationToken.None);

        Assert.Equal("ACTIVE", Assert.Single(fake.Iot.Certificates.Values).Status);
    }

    [Fact]
    public async Task DescribeIssuerAsync_ChainOption_ReturnsChainAndUnboundedValidity()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var provider = BuildAuthority(fake, o => o.CaChainPem = fake.Iot.AwsIotCaCertificate.ExportCertificatePem());

        var issuer = await provider.GetRequiredService<ICertificateAuthority>().DescribeIssuerAsync(CancellationToken.None);

        Assert.Equal(fake.Iot.AwsIotCaCertificate.RawData, Assert.Single(issuer.ChainDer));
        Assert.True(issuer.NotAfter > new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.True(issuer.NotBefore < new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task IssueAsync_ThrottledBeyondRetries_ThrowsBackendUnavailable()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var dir = new TemporaryDirectory("iot-ca");
        var device = await DeviceKeyFixture.CreateAsync(dir, "dev-0004", TestKeyKind.EcP256);
        using var provider = BuildAuthority(fake, o => o.MaxAttempts = 2);
        fake.FailNext("CreateCertificateFromCsr", "ThrottlingException", 2);

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(
            () => provider.GetRequiredService<ICertificateAuthority>().IssueAsync(ProfileFor(device), CancellationToken.None));

        Assert.Equal("iot", error.Backend);
        Assert.Empty(fake.Iot.Certificates);
    }

    private static ServiceProvider BuildAuthority(FakeAwsEndpoint fake, Action<IotCoreCertificateAuthorityOptions> configure, bool registry = false)
    {
        var services = new ServiceCollection().UseIotCoreCertificateAuthority(o =>
        {
            o.ServiceUrl = fake.ServiceUrl;
            o.Region = FakeAwsEndpoint.Region;
            o.Credentials = FakeAwsEndpoint.Credentials;
            configure(o);
        });
        if (registry)
        {
            // AWS IoT's CA is Amazon's, not one registered in the account: certificates it issued register without CA.
            services.UseIotCoreThingRegistry(o =>
            {
                o.ServiceUrl = fake.ServiceUrl;
                o.Credentials = FakeAwsEndpoint.Credentials;
                o.RegistrationMode = IotCertificateRegistrationMode.WithoutCa;
            });
        }

        return services.BuildServiceProvider();
    }

    private static CertificateProfile ProfileFor(DeviceKeyFixture device)
    {
        var now = DateTimeOffset.UtcNow;
        return new CertificateProfile(
            device.DeviceId, device.PublicKeySpkiDer, KeyAlgorithm.EcdsaP256, CertificateProfileFactory.NewSerialNumber(),
            now.AddMinutes(-5), now.AddYears(1), "token-" + device.DeviceId, device.CsrDer);
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
