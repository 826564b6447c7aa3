using System.Security.Cryptography;
using Secretless.Aws.AcmPca;
using Secretless.Aws.Http;
using Secretless.Aws.Iot;

namespace Secretless.Aws.Tests.AcmPca;

public sealed class AcmPcaIssuerAdministrationTests
{
    [Fact]
    public async Task ListAsync_ConfiguredCa_ReportsItActiveWithItsOwnCertificate()
    {
        await using var harness = await AcmPcaRotationHarness.StartAsync();
        var ca = harness.Fake.AcmPca.IssuingCaCertificate;

        var issuers = await harness.Administration(harness.OldCaArn).ListAsync(CancellationToken.None);

        var issuer = Assert.Single(issuers);
        Assert.Equal(harness.OldCaArn, issuer.Id);
        Assert.Equal("active", issuer.Status);
        Assert.Equal(ca.Subject, issuer.Subject);
        Assert.Equal(ca.SerialNumber.ToLowerInvariant(), issuer.SerialNumber);
        Assert.Equal(ca.NotAfter.ToUniversalTime(), issuer.NotAfter.UtcDateTime);
        Assert.Null(issuer.RevokedAt);
        Assert.Equal(0, harness.Fake.RejectedSignatures);
    }

    [Theory]
    [InlineData("ACTIVE", "retired")]
    [InlineData("EXPIRED", "retired")]
    [InlineData("DISABLED", "revoked")]
    [InlineData("PENDING_CERTIFICATE", "pending_certificate")]
    public async Task DescribeAsync_CaNotConfigured_MapsAcmPcaStatus(string pcaStatus, string expected)
    {
        await using var harness = await AcmPcaRotationHarness.StartAsync();
        harness.Fake.AcmPca.SetStatus(harness.NewCaArn, pcaStatus);

        var issuer = await harness.Administration(harness.OldCaArn).DescribeAsync(harness.NewCaArn, CancellationToken.None);

        Assert.Equal(expected, issuer.Status);
        Assert.Equal(pcaStatus, issuer.AcmPcaStatus);
        Assert.Equal(expected == "revoked", issuer.RevokedAt is not null);
    }

    [Fact]
    public async Task RotateAsync_ActiveCa_RegistersItsCertificateActiveInIotWithoutVerification()
    {
        await using var harness = await AcmPcaRotationHarness.StartAsync();
        var newCa = harness.Fake.AcmPca.CertificateAuthorityCertificate(harness.NewCaArn);

        var rotation = await harness.Administration(harness.OldCaArn).RotateAsync(harness.NewCaArn, CancellationToken.None);

        Assert.Equal(harness.OldCaArn, rotation.PreviousIssuerId);
        Assert.Equal(harness.NewCaArn, rotation.ActiveIssuerId);
        Assert.Equal(newCa.Subject, rotation.Subject);
        Assert.False(rotation.AlreadyRegistered);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(newCa.RawData)), rotation.IotCaCertificateId);
        var registered = harness.Fake.Iot.CaCertificates[rotation.IotCaCertificateId];
        Assert.Equal("ACTIVE", registered.Status);
        Assert.Equal("SNI_ONLY", registered.Mode);
        Assert.Equal(0, harness.Fake.RejectedSignatures);
    }

    [Fact]
    public async Task RotateAsync_AlreadyRegisteredButInactive_ReactivatesIt()
    {
        await using var harness = await AcmPcaRotationHarness.StartAsync();
        var administration = harness.Administration(harness.OldCaArn);
        var first = await administration.RotateAsync(harness.NewCaArn, CancellationToken.None);
        await harness.Iot.UpdateCACertificateAsync(
            new UpdateCACertificateRequest { CertificateId = first.IotCaCertificateId, NewStatus = "INACTIVE" }, CancellationToken.None);

        var second = await administration.RotateAsync(harness.NewCaArn, CancellationToken.None);

        Assert.True(second.AlreadyRegistered);
        Assert.Equal(first.IotCaCertificateId, second.IotCaCertificateId);
        Assert.Equal("ACTIVE", harness.Fake.Iot.CaCertificates[second.IotCaCertificateId].Status);
        Assert.Equal(2, harness.CallCount("RegisterCACertificate"));
    }

    [Fact]
    public async Task RotateAsync_CaPendingCertificate_RefusesAndRegistersNothing()
    {
        await using var harness = await AcmPcaRotationHarness.StartAsync();
        harness.Fake.AcmPca.SetStatus(harness.NewCaArn, "PENDING_CERTIFICATE");

        var refused = await Assert.ThrowsAsync<AcmPcaIssuerNotActiveException>(
            () => harness.Administration(harness.OldCaArn).RotateAsync(harness.NewCaArn, CancellationToken.None));

        Assert.Contains("PENDING_CERTIFICATE", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.CallCount("RegisterCACertificate"));
        Assert.Single(harness.Fake.Iot.CaCertificates);
    }

    [Fact]
    public async Task RotateAsync_UnknownCa_ThrowsNotFound()
    {
        await using var harness = await AcmPcaRotationHarness.StartAsync();
        var unknown = harness.OldCaArn[..^4] + "ffff";

        await Assert.ThrowsAsync<AcmPcaIssuerNotFoundException>(
            () => harness.Administration(harness.OldCaArn).RotateAsync(unknown, CancellationToken.None));
    }

    [Fact]
    public async Task RevokeAsync_ConfiguredCa_RefusesBeforeCallingAws()
    {
        await using var harness = await AcmPcaRotationHarness.StartAsync();

        await Assert.ThrowsAsync<AcmPcaActiveIssuerRevocationException>(
            () => harness.Administration(harness.OldCaArn).RevokeAsync(harness.OldCaArn, null, CancellationToken.None));

        Assert.Empty(harness.Fake.Calls);
        Assert.Equal("ACTIVE", harness.Fake.Iot.CaCertificates[harness.OldCaIotId].Status);
    }

    [Fact]
    public async Task RevokeAsync_OldCaAfterRotation_DeactivatesItInIotAndRevokesEveryDeviceCertificate()
    {
        await using var harness = await AcmPcaRotationHarness.StartAsync();
        var oldDevices = await harness.ProvisionAsync(harness.OldCaArn, 3);
        await harness.Administration(harness.OldCaArn).RotateAsync(harness.NewCaArn, CancellationToken.None);
        var newDevice = Assert.Single(await harness.ProvisionAsync(harness.NewCaArn, 1));
        var reported = new List<(int Done, int Total)>();

        var revocation = await harness.Administration(harness.NewCaArn)
            .RevokeAsync(harness.OldCaArn, new SynchronousProgress(reported), CancellationToken.None);

        Assert.Equal(harness.OldCaArn, revocation.IssuerId);
        Assert.Equal(harness.OldCaIotId, revocation.IotCaCertificateId);
        Assert.Equal(3, revocation.RevokedCertificates);
        Assert.Equal(0, revocation.AlreadyRevoked);
        Assert.Equal("INACTIVE", harness.Fake.Iot.CaCertificates[harness.OldCaIotId].Status);
        Assert.All(oldDevices, device => Assert.Equal("REVOKED", harness.Fake.Iot.Certificates[device.IotId].Status));
        Assert.Equal(
            oldDevices.Select(device => device.Certificate.SerialNumber.ToLowerInvariant().TrimStart('0')).Order(),
            harness.Fake.AcmPca.RevokedSerials.Order());
        Assert.Equal("ACTIVE", harness.Fake.Iot.Certificates[newDevice.IotId].Status);
        Assert.Equal((0, 3), reported[0]);
        Assert.Equal((3, 3), reported[^1]);
        Assert.Equal(0, harness.Fake.RejectedSignatures);

        // AWS IoT now refuses anything chaining to the old CA: a device issued from it cannot be registered.
        var refused = await Assert.ThrowsAsync<AwsServiceException>(() => harness.ProvisionAsync(harness.OldCaArn, 1));
        Assert.Equal("CertificateStateException", refused.ErrorCode);
    }

    [Fact]
    public async Task RevokeAsync_InterruptedRun_RunningAgainFinishesAndThenFindsEverythingRevoked()
    {
        await using var harness = await AcmPcaRotationHarness.StartAsync();
        var devices = await harness.ProvisionAsync(harness.OldCaArn, 2);
        await harness.Administration(harness.OldCaArn).RotateAsync(harness.NewCaArn, CancellationToken.None);
        var administration = harness.Administration(harness.NewCaArn);
        // The first device is revoked in ACM PCA, then AWS IoT fails: the run stops half-way.
        harness.Fake.FailNext("UpdateCertificate", "InvalidRequestException");

        var interrupted = await Assert.ThrowsAsync<AwsServiceException>(() => administration.RevokeAsync(harness.OldCaArn, null, CancellationToken.None));
        Assert.Equal("InvalidRequestException", interrupted.ErrorCode);
        Assert.Single(harness.Fake.AcmPca.RevokedSerials);
        Assert.All(devices, device => Assert.Equal("ACTIVE", harness.Fake.Iot.Certificates[device.IotId].Status));

        var finished = await administration.RevokeAsync(harness.OldCaArn, null, CancellationToken.None);
        var again = await administration.RevokeAsync(harness.OldCaArn, null, CancellationToken.None);

        Assert.Equal((2, 0), (finished.RevokedCertificates, finished.AlreadyRevoked));
        Assert.Equal((0, 2), (again.RevokedCertificates, again.AlreadyRevoked));
        Assert.Equal(2, harness.Fake.AcmPca.RevokedSerials.Count);
        Assert.All(devices, device => Assert.Equal("REVOKED", harness.Fake.Iot.Certificates[device.IotId].Status));
    }

    [Fact]
    public async Task RevokeAsync_CaNeverRegisteredInIot_ThrowsNotFound()
    {
        await using var harness = await AcmPcaRotationHarness.StartAsync();

        var missing = await Assert.ThrowsAsync<AcmPcaIssuerNotFoundException>(
            () => harness.Administration(harness.OldCaArn).RevokeAsync(harness.NewCaArn, null, CancellationToken.None));

        Assert.Contains("AWS IoT has no CA certificate", missing.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Fake.AcmPca.RevokedSerials);
    }

    [Fact]
    public void PcaSerial_Certificate_IsColonSeparatedLowercaseHex()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=serial", key, HashAlgorithmName.SHA256);
        using var certificate = request.Create(
            request.SubjectName, System.Security.Cryptography.X509Certificates.X509SignatureGenerator.CreateForECDsa(key),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), [0x3c, 0xE7, 0x00, 0x0a]);

        Assert.Equal("3c:e7:00:0a", AcmPcaIssuerAdministration.PcaSerial(certificate));
    }

    /// <summary>Records reports on the calling thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SynchronousProgress(List<(int Done, int Total)> reports) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => reports.Add(value);
    }
}
