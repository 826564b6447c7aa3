using System.Security.Cryptography;
using Secretless.Core.Issuance;
using Secretless.Core.Provisioning;
using Secretless.Core.Registry;
using Secretless.Core.Tests.TestDoubles;

namespace Secretless.Core.Tests.Provisioning;

[Collection(DeviceKeysGroup.Name)]
public sealed class ReplayAfterRevocationTests(DeviceKeys keys)
{
    [Theory]
    [InlineData(CertificateStatus.Revoked)]
    [InlineData(CertificateStatus.Inactive)]
    public async Task ProvisionAsync_RepeatedCsrWhoseCertificateLeftActive_IssuesNewCertificateForSameCsr(CertificateStatus status)
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var first = (await stack.ProvisionAsync(keys.P256.DeviceCsrHeader)).Certificate!;
        await stack.Registry.SetCertificateStatusAsync(first.CertificateId, status, CancellationToken.None);

        var again = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);

        Assert.True(again.Succeeded, again.Error?.Code);
        Assert.False(again.Replayed);
        Assert.NotEqual(first.CertificateId, again.Certificate.CertificateId);
        Assert.Equal(2, stack.Authority.IssueCalls);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[again.Certificate.CertificateId]);
        Assert.Equal(CertificateStatus.Revoked, stack.Registry.Certificates[first.CertificateId]);
        var record = await stack.Ledger.FindAsync(KeyOf(keys.P256.CsrDer, "sensor-p256"), CancellationToken.None);
        Assert.Equal(IssuanceState.Completed, record!.State);
        Assert.Equal(again.Certificate.CertificateId, record.CertificateId);
        Assert.Contains(stack.Logger.Entries, e => e.EventId.Id == 1202);
    }

    [Fact]
    public async Task ProvisionAsync_RepeatedCsrAfterReissue_ReplaysTheNewCertificate()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var first = (await stack.ProvisionAsync(keys.P256.DeviceCsrHeader)).Certificate!;
        await stack.Registry.SetCertificateStatusAsync(first.CertificateId, CertificateStatus.Revoked, CancellationToken.None);
        var reissued = (await stack.ProvisionAsync(keys.P256.DeviceCsrHeader)).Certificate!;

        var replay = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);

        Assert.True(replay.Replayed);
        Assert.Equal(reissued.CertificateId, replay.Certificate!.CertificateId);
        Assert.Equal(2, stack.Authority.IssueCalls);
    }

    [Fact]
    public async Task ProvisionAsync_RepeatedCsrUnknownToThisRegistry_RegistersItHereAndAnswersIt()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P384);
        var first = (await stack.ProvisionAsync(keys.P384.DeviceCsrHeader)).Certificate!;
        stack.Registry.Forget(first.CertificateId); // as if issued through another region's registry

        var again = await stack.ProvisionAsync(keys.P384.DeviceCsrHeader);

        Assert.True(again.Replayed);
        Assert.Equal(first.CertificateId, again.Certificate!.CertificateId);
        Assert.Equal(first.CertificatePem, again.Certificate.CertificatePem);
        Assert.Equal(1, stack.Authority.IssueCalls);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[first.CertificateId]);
        Assert.Contains(("sensor-p384", first.CertificateId), stack.Registry.ThingPrincipals.Keys);
        Assert.Contains(("secretless-default", first.CertificateId), stack.Registry.PolicyAttachments.Keys);
        Assert.Contains(stack.Logger.Entries, e => e.EventId.Id == 1204);
    }

    [Fact]
    public async Task ProvisionAsync_TwoProcessesRetryRevokedCsrInParallel_OneNewLiveCertificate()
    {
        // Two provisioners share ledger and registry but not their in-process locks, like two
        // processes on one data directory: only the ledger's compare-and-set keeps exactly-once.
        using var stack = new ProvisioningStack();
        stack.Register(keys.Rsa2048);
        var first = (await stack.ProvisionAsync(keys.Rsa2048.DeviceCsrHeader)).Certificate!;
        await stack.Registry.SetCertificateStatusAsync(first.CertificateId, CertificateStatus.Revoked, CancellationToken.None);
        var other = new DeviceProvisioner(
            stack.Directory, stack.Authority, stack.Registry, stack.Ledger,
            new CertificateProfileFactory(stack.Options, stack.Time), stack.Options, new CapturingLogger<DeviceProvisioner>());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            (i % 2 == 0 ? stack.Provisioner : other).ProvisionAsync(keys.Rsa2048.DeviceCsrHeader, CancellationToken.None))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.Code));
        var answered = Assert.Single(outcomes.Select(o => o.Certificate!.CertificateId).Distinct());
        Assert.NotEqual(first.CertificateId, answered);
        var live = stack.Registry.Certificates.Where(c => c.Value == CertificateStatus.Active).Select(c => c.Key).ToList();
        Assert.Equal([answered], live);
    }

    [Fact]
    public async Task ProvisionAsync_IssuedRecordWhoseCertificateWasRevoked_IssuesNewCertificateAndNeverReactivatesIt()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var revokedId = await LeaveIssuedButRevokedAsync(stack);

        var again = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);

        Assert.True(again.Succeeded, again.Error?.Code);
        Assert.NotEqual(revokedId, again.Certificate.CertificateId);
        Assert.Equal(2, stack.Authority.IssueCalls);
        Assert.Equal(CertificateStatus.Revoked, stack.Registry.Certificates[revokedId]);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[again.Certificate.CertificateId]);
        var record = await stack.Ledger.FindAsync(KeyOf(keys.P256.CsrDer, "sensor-p256"), CancellationToken.None);
        Assert.Equal(IssuanceState.Completed, record!.State);
        Assert.Equal(again.Certificate.CertificateId, record.CertificateId);
    }

    [Fact]
    public async Task ResumeAsync_IssuedRecordWhoseCertificateWasRevoked_ReopensItForTheDevicesRetry()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var revokedId = await LeaveIssuedButRevokedAsync(stack);

        var summary = await stack.CreateResumer().ResumeAsync(CancellationToken.None);

        Assert.Equal(0, summary.Resumed);
        Assert.Equal(CertificateStatus.Revoked, stack.Registry.Certificates[revokedId]);
        var record = await stack.Ledger.FindAsync(KeyOf(keys.P256.CsrDer, "sensor-p256"), CancellationToken.None);
        Assert.Equal(IssuanceState.Pending, record!.State);
        Assert.Null(record.Certificate);
        Assert.True((await stack.ProvisionAsync(keys.P256.DeviceCsrHeader)).Succeeded);
    }

    /// <summary>A registration that failed after the certificate was registered (left INACTIVE, record Issued), then a revocation.</summary>
    private async Task<string> LeaveIssuedButRevokedAsync(ProvisioningStack stack)
    {
        stack.Registry.FailOnce = "AttachPolicy";
        stack.Registry.Failure = new InvalidOperationException("registry broke");
        await Assert.ThrowsAsync<InvalidOperationException>(() => stack.ProvisionAsync(keys.P256.DeviceCsrHeader));
        var record = await stack.Ledger.FindAsync(KeyOf(keys.P256.CsrDer, "sensor-p256"), CancellationToken.None);
        Assert.Equal(IssuanceState.Issued, record!.State);
        var certificateId = CertificateIds.Of(record.Certificate!.CertificateDer);
        Assert.True(await stack.Registry.SetCertificateStatusAsync(certificateId, CertificateStatus.Revoked, CancellationToken.None));
        return certificateId;
    }

    private static IssuanceKey KeyOf(byte[] csrDer, string deviceId) => new(deviceId, Convert.ToHexStringLower(SHA256.HashData(csrDer)));
}
