using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Devices;
using Secretless.Core.Errors;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Tests.Provisioning;

[Collection(DeviceKeysGroup.Name)]
public sealed class DeviceProvisionerTests(DeviceKeys keys)
{
    [Fact]
    public async Task ProvisionAsync_RegisteredDevice_IssuesRegistersAndAnswers()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);

        var outcome = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);

        Assert.True(outcome.Succeeded, outcome.Error?.Code);
        var answer = outcome.Certificate;
        using var certificate = X509Certificate2.CreateFromPem(answer.CertificatePem);
        Assert.Equal("CN=sensor-p256", certificate.Subject);
        Assert.Equal(keys.P256.PublicKeySpkiDer, certificate.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Contains("-----BEGIN CERTIFICATE-----", answer.CertificateChainPem, StringComparison.Ordinal);
        Assert.Equal("localhost:8883", answer.Endpoint);
        Assert.Equal(stack.Authority.LastProfile!.NotAfter, answer.NotAfter);

        Assert.True(CertificateStatusActive(stack, answer.CertificateId));
        Assert.Contains("sensor-p256", stack.Registry.Things.Keys);
        Assert.Equal(ProductLinePolicy.DefaultDocument, stack.Registry.Policies["secretless-default"]);
        Assert.Contains(("secretless-default", answer.CertificateId), stack.Registry.PolicyAttachments.Keys);
        Assert.Contains(("sensor-p256", answer.CertificateId), stack.Registry.ThingPrincipals.Keys);

        var record = await stack.Ledger.FindAsync(IssuanceKeyOf(keys.P256.CsrDer, "sensor-p256"), CancellationToken.None);
        Assert.Equal(IssuanceState.Completed, record!.State);
        Assert.Equal(answer.CertificateId, record.CertificateId);
    }

    [Fact]
    public async Task ProvisionAsync_SameCsrTwice_OneIssuanceSameCertificate()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P384);

        var first = await stack.ProvisionAsync(keys.P384.DeviceCsrHeader);
        var second = await stack.ProvisionAsync(keys.P384.Csr.DeviceCsrHeaderDer);

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Certificate.CertificatePem, second.Certificate.CertificatePem);
        Assert.Equal(first.Certificate.CertificateId, second.Certificate.CertificateId);
        Assert.Equal(1, stack.Authority.IssueCalls);
        Assert.Equal(1, stack.Registry.RegisterCalls);
        Assert.Contains(stack.Logger.Entries, e => e.EventId.Id == 1001);
    }

    [Fact]
    public async Task ProvisionAsync_NewCsrFromSameDevice_NewCertificate()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        var otherCsr = await keys.P256.CreateCsrAsync("/CN=sensor-p256/O=Acme");

        var first = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        var second = await stack.ProvisionAsync(otherCsr.DeviceCsrHeader);

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.NotEqual(first.Certificate.CertificatePem, second.Certificate.CertificatePem);
        Assert.Equal(2, stack.Authority.IssueCalls);
    }

    [Fact]
    public async Task ProvisionAsync_TwentyParallelIdentical_OneIssuanceOneRegistration()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.Rsa2048);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => stack.ProvisionAsync(keys.Rsa2048.DeviceCsrHeader))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.Single(outcomes.Select(o => o.Certificate!.CertificatePem).Distinct());
        Assert.Equal(1, stack.Authority.IssueCalls);
        Assert.Equal(1, stack.Registry.RegisterCalls);
        Assert.Single(stack.Registry.Certificates);
        Assert.Equal(0, stack.Provisioner.InFlightKeys);
    }

    [Fact]
    public async Task ProvisionAsync_UnknownDevice_404DeviceNotRegistered()
    {
        using var stack = new ProvisioningStack();

        var outcome = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);

        AssertRefused(outcome, 404, ProvisioningErrorCodes.DeviceNotRegistered);
        Assert.Equal(0, stack.Authority.IssueCalls);
    }

    [Fact]
    public async Task ProvisionAsync_DisabledDevice_403DeviceDisabled()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        await stack.Directory.SetStatusAsync("sensor-p256", DeviceStatus.Disabled, CancellationToken.None);

        AssertRefused(await stack.ProvisionAsync(keys.P256.DeviceCsrHeader), 403, ProvisioningErrorCodes.DeviceDisabled);
        Assert.Equal(0, stack.Authority.IssueCalls);
    }

    [Fact]
    public async Task ProvisionAsync_DeviceDisabledAfterIssuance_RepeatRefused()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        Assert.True((await stack.ProvisionAsync(keys.P256.DeviceCsrHeader)).Succeeded);
        await stack.Directory.SetStatusAsync("sensor-p256", DeviceStatus.Disabled, CancellationToken.None);

        AssertRefused(await stack.ProvisionAsync(keys.P256.DeviceCsrHeader), 403, ProvisioningErrorCodes.DeviceDisabled);
    }

    [Fact]
    public async Task ProvisionAsync_RegisteredKeyOfSameAlgorithmDiffers_403PublicKeyMismatch()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256Other, "sensor-p256");

        AssertRefused(await stack.ProvisionAsync(keys.P256.DeviceCsrHeader), 403, ProvisioningErrorCodes.PublicKeyMismatch);
        Assert.Equal(0, stack.Authority.IssueCalls);
    }

    [Fact]
    public async Task ProvisionAsync_RegisteredKeyOfAnotherAlgorithm_403PublicKeyMismatch()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.Rsa2048, "sensor-p256");

        AssertRefused(await stack.ProvisionAsync(keys.P256.DeviceCsrHeader), 403, ProvisioningErrorCodes.PublicKeyMismatch);
    }

    [Fact]
    public async Task ProvisionAsync_RegisteredCompressedKeyForm_Accepted()
    {
        using var stack = new ProvisioningStack();
        var compressed = await keys.P256.ExportCompressedPublicKeyDerAsync();
        Assert.True(PublicKeyNormalizer.TryNormalize(compressed, out var key, out _));
        stack.Directory.Add("sensor-p256", key.SpkiDer, key.Algorithm);

        Assert.True((await stack.ProvisionAsync(keys.P256.DeviceCsrHeader)).Succeeded);
    }

    [Theory]
    [InlineData(null, 400, ProvisioningErrorCodes.CsrMissing)]
    [InlineData("%%%", 400, ProvisioningErrorCodes.CsrNotBase64)]
    [InlineData("aGVsbG8=", 400, ProvisioningErrorCodes.CsrMalformed)]
    public async Task ProvisionAsync_BadHeader_RefusedWithoutLookup(string? header, int status, string code)
    {
        using var stack = new ProvisioningStack();

        AssertRefused(await stack.ProvisionAsync(header), status, code);
        Assert.Equal(0, stack.Directory.FindCalls);
    }

    [Fact]
    public async Task ProvisionAsync_DisallowedKeys_403BeforeLookup()
    {
        using var stack = new ProvisioningStack();
        foreach (var device in new[] { keys.Rsa1024, keys.P521, keys.Ed25519 })
        {
            // Registered as-is (an import would refuse these keys): the CSR check still refuses.
            stack.Directory.Add(device.DeviceId, device.PublicKeySpkiDer, KeyAlgorithm.Rsa);
            AssertRefused(await stack.ProvisionAsync(device.DeviceCsrHeader), 403, ProvisioningErrorCodes.KeyAlgorithmNotAllowed);
        }

        Assert.Equal(0, stack.Directory.FindCalls);
    }

    [Fact]
    public async Task ProvisionAsync_CaUnavailable_503WithRetryAfterThenRecovers()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        stack.Authority.NextFailure = new BackendUnavailableException("ca", TimeSpan.FromSeconds(7), "throttled");

        var refused = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);

        AssertRefused(refused, 503, ProvisioningErrorCodes.BackendUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Error!.RetryAfter);
        Assert.Contains(stack.Logger.Entries, e => e.EventId.Id == 1004);

        var retried = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        Assert.True(retried.Succeeded);
        Assert.Equal(1, stack.Authority.IssueCalls);
        Assert.Equal(0, stack.Provisioner.InFlightKeys);
    }

    [Fact]
    public async Task ProvisionAsync_RegistryFailsAfterIssuance_RetryRegistersSameCertificateWithoutReissuing()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        stack.Registry.FailOnce = "AttachPolicy";
        stack.Registry.Failure = new BackendUnavailableException("registry", TimeSpan.FromSeconds(2), "throttled");

        var refused = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        var retried = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);

        AssertRefused(refused, 503, ProvisioningErrorCodes.BackendUnavailable);
        Assert.True(retried.Succeeded);
        Assert.Equal(1, stack.Authority.IssueCalls);
        Assert.Single(stack.Registry.Certificates);
        Assert.Contains(("secretless-default", retried.Certificate.CertificateId), stack.Registry.PolicyAttachments.Keys);
        Assert.Contains(stack.Logger.Entries, e => e.EventId.Id == 1005);
    }

    [Fact]
    public async Task ProvisionAsync_UnexpectedCaFailure_Propagates()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        stack.Authority.NextFailure = new InvalidOperationException("disk full");

        await Assert.ThrowsAsync<InvalidOperationException>(() => stack.ProvisionAsync(keys.P256.DeviceCsrHeader));
        Assert.Equal(0, stack.Provisioner.InFlightKeys);
    }

    [Fact]
    public async Task ProvisionAsync_ConfiguredPolicy_Used()
    {
        using var stack = new ProvisioningStack(new ProvisioningOptions { PolicyName = "line-7", PolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" });
        stack.Register(keys.P256);

        var outcome = await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);

        Assert.True(outcome.Succeeded);
        Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[]}", stack.Registry.Policies["line-7"]);
        Assert.Contains(("line-7", outcome.Certificate.CertificateId), stack.Registry.PolicyAttachments.Keys);
    }

    [Fact]
    public async Task ProvisionAsync_AnyOutcome_LogsNeitherCsrNorKey()
    {
        using var stack = new ProvisioningStack();
        stack.Register(keys.P256);
        await stack.ProvisionAsync(keys.P256.DeviceCsrHeader);
        await stack.ProvisionAsync(keys.P384.DeviceCsrHeader);
        await stack.ProvisionAsync("aGVsbG8=");

        var csrFragment = keys.P256.DeviceCsrHeader[20..60];
        var keyFragment = Convert.ToBase64String(keys.P256.PublicKeySpkiDer)[30..60];
        Assert.NotEmpty(stack.Logger.Entries);
        Assert.All(stack.Logger.Entries, e =>
        {
            Assert.InRange(e.EventId.Id, 1000, 1099);
            Assert.DoesNotContain(csrFragment, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(keyFragment, e.Message, StringComparison.Ordinal);
        });
    }

    private static bool CertificateStatusActive(ProvisioningStack stack, string certificateId) =>
        stack.Registry.Certificates.TryGetValue(certificateId, out var status) && status == Secretless.Core.Registry.CertificateStatus.Active;

    private static IssuanceKey IssuanceKeyOf(byte[] csrDer, string deviceId) =>
        new(deviceId, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csrDer)));

    private static void AssertRefused(ProvisioningOutcome outcome, int status, string code)
    {
        Assert.False(outcome.Succeeded);
        Assert.Equal(code, outcome.Error.Code);
        Assert.Equal(status, outcome.Error.Status);
        Assert.NotEqual(500, outcome.Error.Status);
    }
}
