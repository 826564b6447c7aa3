using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;
using Secretless.Aws.AcmPca;
using Secretless.Core.Errors;

namespace Secretless.Aws.Tests.AcmPca;

public sealed class AcmPcaCertificateAuthorityTests(AcmPcaDeviceFixture device) : IClassFixture<AcmPcaDeviceFixture>
{
    [Fact]
    public async Task IssueAsync_InProgressForAWhile_PollsAndReturnsLeafChainAndArn()
    {
        await using var host = await AcmPcaTestHost.StartAsync();
        host.Fake.AcmPca.InProgressPolls = 3;
        var profile = device.Profile();

        var issued = await host.Authority.IssueAsync(profile, CancellationToken.None);

        using var leaf = X509CertificateLoader.LoadCertificate(issued.CertificateDer);
        Assert.Equal("CN=dev-0001", leaf.Subject);
        Assert.Equal(device.Device.PublicKeySpkiDer, leaf.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(profile.NotAfter, new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        Assert.Equal(profile.NotAfter, issued.NotAfter);
        Assert.Equal(profile.NotBefore, new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero));
        Assert.Equal(leaf.SerialNumber.ToLowerInvariant(), issued.SerialNumberHex);
        Assert.StartsWith(host.Options.CertificateAuthorityArn + "/certificate/", issued.AuthorityReference, StringComparison.Ordinal);
        Assert.Equal([host.Fake.AcmPca.IssuingCaCertificate.RawData, host.Fake.AcmPca.RootCertificate.RawData], issued.ChainDer);
        Assert.Equal(4, host.CallCount("GetCertificate"));
        Assert.Equal(1, host.Fake.AcmPca.IssueCount);
        Assert.Equal(0, host.Fake.RejectedSignatures);
    }

    [Fact]
    public async Task IssueAsync_IssuedCertificate_ChainsToTheFakeRoot()
    {
        await using var host = await AcmPcaTestHost.StartAsync();

        var issued = await host.Authority.IssueAsync(device.Profile(), CancellationToken.None);

        using var leaf = X509CertificateLoader.LoadCertificate(issued.CertificateDer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(host.Fake.AcmPca.RootCertificate);
        foreach (var der in issued.ChainDer)
        {
            chain.ChainPolicy.ExtraStore.Add(X509CertificateLoader.LoadCertificate(der));
        }

        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(3, chain.ChainElements.Count);
    }

    [Fact]
    public async Task IssueAsync_SameCsrRetried_ReturnsTheSameCertificate()
    {
        await using var host = await AcmPcaTestHost.StartAsync();
        var profile = device.Profile();

        var first = await host.Authority.IssueAsync(profile, CancellationToken.None);
        var second = await host.Authority.IssueAsync(profile with { SerialNumber = [0x42] }, CancellationToken.None);

        Assert.Equal(first.AuthorityReference, second.AuthorityReference);
        Assert.Equal(first.CertificateDer, second.CertificateDer);
        Assert.Equal(1, host.Fake.AcmPca.IssueCount);
        Assert.Equal(1, host.CallCount("DescribeCertificateAuthority"));
    }

    [Fact]
    public async Task IssueAsync_SigningAlgorithmConfigured_DoesNotDescribeTheCa()
    {
        await using var host = await AcmPcaTestHost.StartAsync(o => o.SigningAlgorithm = "SHA384WITHECDSA");

        var issued = await host.Authority.IssueAsync(device.Profile(), CancellationToken.None);

        using var leaf = X509CertificateLoader.LoadCertificate(issued.CertificateDer);
        Assert.Equal("1.2.840.10045.4.3.3", leaf.SignatureAlgorithm.Value);
        Assert.Equal(0, host.CallCount("DescribeCertificateAuthority"));
    }

    [Fact]
    public async Task IssueAsync_ThrottledOnce_RetriesAndIssues()
    {
        await using var host = await AcmPcaTestHost.StartAsync();
        host.Fake.FailNext("IssueCertificate", "ThrottlingException");

        var issued = await host.Authority.IssueAsync(device.Profile(), CancellationToken.None);

        Assert.NotEmpty(issued.CertificateDer);
        Assert.Equal(2, host.CallCount("IssueCertificate"));
    }

    [Fact]
    public async Task IssueAsync_ThrottledOnEveryAttempt_ThrowsBackendUnavailable()
    {
        await using var host = await AcmPcaTestHost.StartAsync(o => o.MaxAttempts = 2);
        host.Fake.FailNext("IssueCertificate", "ThrottlingException", count: 2);

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => host.Authority.IssueAsync(device.Profile(), CancellationToken.None));

        Assert.Equal("acm-pca", error.Backend);
        Assert.Equal(host.Options.UnavailableRetryAfter, error.RetryAfter);
        Assert.Equal(2, host.CallCount("IssueCertificate"));
    }

    [Fact]
    public async Task IssueAsync_LimitExceeded_ThrowsBackendUnavailableWithoutRetry()
    {
        await using var host = await AcmPcaTestHost.StartAsync();
        host.Fake.FailNext("IssueCertificate", "LimitExceededException");

        await Assert.ThrowsAsync<BackendUnavailableException>(() => host.Authority.IssueAsync(device.Profile(), CancellationToken.None));

        Assert.Equal(1, host.CallCount("IssueCertificate"));
    }

    [Fact]
    public async Task IssueAsync_StillInProgressAtDeadline_ThrowsBackendUnavailable()
    {
        await using var host = await AcmPcaTestHost.StartAsync(o =>
        {
            o.IssueDeadline = TimeSpan.FromSeconds(1);
            o.PollMaxDelay = TimeSpan.FromMilliseconds(100);
        });
        host.Fake.AcmPca.InProgressPolls = 100_000;

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => host.Authority.IssueAsync(device.Profile(), CancellationToken.None));

        Assert.Equal("acm-pca", error.Backend);
        Assert.Contains("retry with the same CSR", error.Message, StringComparison.Ordinal);
        Assert.True(host.CallCount("GetCertificate") >= 2);
        Assert.Equal(1, host.Fake.AcmPca.IssueCount);
    }

    [Fact]
    public async Task IssueAsync_CaNotActive_ThrowsPlainExceptionNamingTheCause()
    {
        await using var host = await AcmPcaTestHost.StartAsync(o => o.SigningAlgorithm = "SHA256WITHECDSA");
        host.Fake.AcmPca.Status = "DISABLED";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Authority.IssueAsync(device.Profile(), CancellationToken.None));

        Assert.Contains("InvalidStateException", error.Message, StringComparison.Ordinal);
        Assert.Contains("ACTIVE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_UnknownCa_ThrowsPlainExceptionNamingTheArn()
    {
        const string otherCa = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555";
        await using var host = await AcmPcaTestHost.StartAsync(o => o.CertificateAuthorityArn = otherCa);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Authority.IssueAsync(device.Profile(), CancellationToken.None));

        Assert.Contains("ResourceNotFoundException", error.Message, StringComparison.Ordinal);
        Assert.Contains(otherCa, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_WrongSecretKey_IsRejectedByTheSignatureCheck()
    {
        await using var host = await AcmPcaTestHost.StartAsync(credentials: new BasicAWSCredentials("AKIAFAKEENDPOINT0001", "not-the-secret"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Authority.IssueAsync(device.Profile(), CancellationToken.None));

        Assert.True(host.Fake.RejectedSignatures > 0);
        Assert.Equal(0, host.Fake.AcmPca.IssueCount);
    }

    [Fact]
    public async Task DescribeIssuerAsync_CalledTwice_ReturnsCaChainAndValidityFetchedOnce()
    {
        await using var host = await AcmPcaTestHost.StartAsync();
        var ca = host.Fake.AcmPca.IssuingCaCertificate;

        var first = await host.Authority.DescribeIssuerAsync(CancellationToken.None);
        var second = await host.Authority.DescribeIssuerAsync(CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal([ca.RawData, host.Fake.AcmPca.RootCertificate.RawData], first.ChainDer);
        Assert.Equal(new DateTimeOffset(ca.NotAfter.ToUniversalTime(), TimeSpan.Zero), first.NotAfter);
        Assert.Equal(new DateTimeOffset(ca.NotBefore.ToUniversalTime(), TimeSpan.Zero), first.NotBefore);
        Assert.Equal(1, host.CallCount("GetCertificateAuthorityCertificate"));
    }

    [Fact]
    public async Task RevokeCertificateAsync_IssuedSerial_IsRevokedAndRepeatIsHarmless()
    {
        await using var host = await AcmPcaTestHost.StartAsync();
        var issued = await host.Authority.IssueAsync(device.Profile(), CancellationToken.None);

        await host.Authority.RevokeCertificateAsync(issued.SerialNumberHex, "KEY_COMPROMISE", CancellationToken.None);
        await host.Authority.RevokeCertificateAsync(issued.SerialNumberHex, "KEY_COMPROMISE", CancellationToken.None);

        // The fake keeps serials without leading zeros (a serial such as 05:8c:… is stored as 58c…).
        Assert.Contains(issued.SerialNumberHex.TrimStart('0'), host.Fake.AcmPca.RevokedSerials);
        Assert.Equal(2, host.CallCount("RevokeCertificate"));
    }
}
