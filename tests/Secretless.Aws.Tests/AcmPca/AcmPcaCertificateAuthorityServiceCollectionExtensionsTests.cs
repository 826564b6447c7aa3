using Microsoft.Extensions.DependencyInjection;
using Secretless.Aws.AcmPca;
using Secretless.Core.Issuance;
using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.AcmPca;

public sealed class AcmPcaCertificateAuthorityServiceCollectionExtensionsTests
{
    [Fact]
    public void UseAcmPcaCertificateAuthority_InvalidOptions_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.UseAcmPcaCertificateAuthority(o => o.CertificateAuthorityArn = "not-an-arn"));

        Assert.Contains("SL4202", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseAcmPcaCertificateAuthority_ValidOptions_ReplacesTheCertificateAuthority()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<ICertificateAuthority>(new UnusedCertificateAuthority());

        services.UseAcmPcaCertificateAuthority(o =>
        {
            o.CertificateAuthorityArn = fake.AcmPca.CertificateAuthorityArn;
            o.ServiceUrl = fake.ServiceUrl;
            o.Credentials = FakeAwsEndpoint.Credentials;
        });
        await using var provider = services.BuildServiceProvider();
        var authority = provider.GetRequiredService<ICertificateAuthority>();
        var issuer = await authority.DescribeIssuerAsync(CancellationToken.None);

        Assert.IsType<AcmPcaCertificateAuthority>(authority);
        Assert.Single(services, d => d.ServiceType == typeof(ICertificateAuthority));
        Assert.Equal(fake.AcmPca.IssuingCaCertificate.RawData, issuer.ChainDer[0]);
    }

    private sealed class UnusedCertificateAuthority : ICertificateAuthority
    {
        public ValueTask<IssuerDescription> DescribeIssuerAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IssuedCertificate> IssueAsync(CertificateProfile profile, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
