using Secretless.Core.Csr;
using Secretless.Core.Issuance;
using Secretless.Core.Pem;
using Secretless.Core.Provisioning;
using Secretless.Core.Registry;

namespace Secretless.Core.Tests.Provisioning;

[Collection(DeviceKeysGroup.Name)]
public sealed class IssuanceResumerTests(DeviceKeys keys)
{
    [Fact]
    public async Task ResumeAsync_RecordLeftIssued_RegistersCompletesAndStoresPayload()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var (key, issued) = await LeaveIssuedAsync(stack);
        var delivery = stack.CreateLatentDelivery();

        var summary = await stack.CreateResumer(delivery).ResumeAsync(CancellationToken.None);

        Assert.Equal(new IssuanceResumeSummary(1, 0, 0), summary);
        var record = await stack.Ledger.FindAsync(key, CancellationToken.None);
        Assert.Equal(IssuanceState.Completed, record!.State);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[record.CertificateId!]);
        Assert.Contains(("sensor-p256", record.CertificateId!), stack.Registry.ThingPrincipals.Keys);
        Assert.Single(stack.Payloads.Payloads);

        var retry = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        Assert.True(retry.Replayed);
        Assert.Equal(PemText.Certificate(issued.CertificateDer), retry.Certificate!.CertificatePem);
        Assert.Equal(1, stack.Authority.IssueCalls);
        Assert.Equal(1, stack.Registry.RegisterCalls);
    }

    [Fact]
    public async Task ResumeAsync_OldPendingRecord_CountedAndLeftForTheDevicesRetry()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var key = LatentDeliveryTests.KeyOf(keys.P256.CsrDer, "sensor-p256");
        await stack.Ledger.BeginAsync(key, stack.Time.GetUtcNow(), CancellationToken.None);
        stack.Time.Advance(TimeSpan.FromMinutes(6));

        var summary = await stack.CreateResumer().ResumeAsync(CancellationToken.None);

        Assert.Equal(new IssuanceResumeSummary(0, 1, 0), summary);
        Assert.Equal(0, stack.Authority.IssueCalls);
        var retry = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        Assert.True(retry.Succeeded);
        Assert.False(retry.Replayed);
        Assert.Equal(1, stack.Authority.IssueCalls);
    }

    [Fact]
    public async Task ResumeAsync_FreshPendingRecord_NotCountedAsStale()
    {
        using var stack = new ProvisioningStack();
        await stack.Ledger.BeginAsync(LatentDeliveryTests.KeyOf(keys.P256.CsrDer, "sensor-p256"), stack.Time.GetUtcNow(), CancellationToken.None);

        var summary = await stack.CreateResumer().ResumeAsync(CancellationToken.None);

        Assert.Equal(new IssuanceResumeSummary(0, 0, 0), summary);
    }

    [Fact]
    public async Task ResumeAsync_RegistryFailsDuringResume_CountedFailedAndLeftIssued()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var (key, _) = await LeaveIssuedAsync(stack);
        stack.Registry.FailOnce = "EnsureThing";
        stack.Registry.Failure = new InvalidOperationException("registry down");

        var summary = await stack.CreateResumer().ResumeAsync(CancellationToken.None);

        Assert.Equal(new IssuanceResumeSummary(0, 0, 1), summary);
        var record = await stack.Ledger.FindAsync(key, CancellationToken.None);
        Assert.Equal(IssuanceState.Issued, record!.State);
        Assert.Equal(CertificateStatus.Inactive, Assert.Single(stack.Registry.Certificates).Value);

        var second = await stack.CreateResumer().ResumeAsync(CancellationToken.None);
        Assert.Equal(new IssuanceResumeSummary(1, 0, 0), second);
        Assert.Equal(CertificateStatus.Active, Assert.Single(stack.Registry.Certificates).Value);
    }

    [Fact]
    public async Task ProvisionAsync_RegistrationFailsAfterRegistering_CertificateInactiveUntilRetryCompletes()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P384);
        stack.Registry.FailOnce = "AttachThingPrincipal";
        stack.Registry.Failure = new InvalidOperationException("registry down");

        await Assert.ThrowsAsync<InvalidOperationException>(() => stack.ProvisionAsync(keys.P384.DeviceCsrHeader));

        Assert.Equal(CertificateStatus.Inactive, Assert.Single(stack.Registry.Certificates).Value);
        var retry = await stack.ProvisionAsync(keys.P384.DeviceCsrHeader);
        Assert.True(retry.Succeeded);
        Assert.Equal(CertificateStatus.Active, stack.Registry.Certificates[retry.Certificate.CertificateId]);
        Assert.Equal(1, stack.Authority.IssueCalls);
    }

    // A crash between the CA and the registry: the ledger holds the certificate, nothing is registered.
    private async Task<(IssuanceKey Key, IssuedCertificate Issued)> LeaveIssuedAsync(ProvisioningStack stack)
    {
        var csr = CsrInspector.Inspect(keys.P256.DeviceCsrHeader).Csr!;
        var key = new IssuanceKey(csr.DeviceId, csr.Sha256Hex);
        await stack.Ledger.BeginAsync(key, stack.Time.GetUtcNow(), CancellationToken.None);
        var profile = new CertificateProfileFactory(stack.Options, stack.Time).Create(csr, await stack.Authority.DescribeIssuerAsync(CancellationToken.None));
        var issued = await stack.Authority.IssueAsync(profile, CancellationToken.None);
        await stack.Ledger.RecordIssuedAsync(key, issued, CancellationToken.None);
        return (key, issued);
    }
}
