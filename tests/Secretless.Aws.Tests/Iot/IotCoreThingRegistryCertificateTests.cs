using System.Security.Cryptography;
using Secretless.Aws.Iot;
using Secretless.Core.Registry;

namespace Secretless.Aws.Tests.Iot;

/// <summary>Certificate registration and status on AWS IoT (the fake endpoint over real, signed HTTP).</summary>
public sealed class IotCoreThingRegistryCertificateTests
{
    [Fact]
    public async Task RegisterCertificateAsync_WithCa_RegistersActiveCertificateOfThatCa()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        var der = harness.Ca.IssueDeviceCertificate("dev-0001");

        var id = await registry.RegisterCertificateAsync(der, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(der)), id);
        var stored = harness.Fake.Iot.Certificates[id];
        Assert.Equal("ACTIVE", stored.Status);
        Assert.Equal(harness.CaId, stored.CaCertificateId);
        Assert.Equal(["RegisterCertificate"], harness.Fake.Calls);
        Assert.Equal(0, harness.Fake.RejectedSignatures);
    }

    [Fact]
    public async Task RegisterCertificateAsync_WithoutCa_RegistersActiveSniOnlyCertificate()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry(o =>
        {
            o.RegistrationMode = IotCertificateRegistrationMode.WithoutCa;
            o.CaCertificatePem = null;
        });
        var der = harness.Ca.IssueDeviceCertificate("dev-0002");

        var id = await registry.RegisterCertificateAsync(der, CancellationToken.None);

        var stored = harness.Fake.Iot.Certificates[id];
        Assert.Equal("ACTIVE", stored.Status);
        Assert.Equal("SNI_ONLY", stored.Mode);
        Assert.Null(stored.CaCertificateId);
        Assert.Equal(["RegisterCertificateWithoutCA"], harness.Fake.Calls);
    }

    [Fact]
    public async Task RegisterCertificateAsync_Repeated_ReturnsSameIdAndKeepsOneActiveCertificate()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var der = harness.Ca.IssueDeviceCertificate("dev-0003");
        var first = await harness.CreateRegistry().RegisterCertificateAsync(der, CancellationToken.None);

        var second = await harness.CreateRegistry().RegisterCertificateAsync(der, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(harness.Fake.Iot.Certificates);
        Assert.Equal("ACTIVE", harness.Fake.Iot.Certificates[first].Status);
        Assert.Equal(["RegisterCertificate", "RegisterCertificate", "UpdateCertificate"], harness.Fake.Calls);
    }

    [Fact]
    public async Task RegisterCertificateAsync_AlreadyRegisteredInactive_MakesItActive()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        var der = harness.Ca.IssueDeviceCertificate("dev-0004");
        var id = await registry.RegisterCertificateAsync(der, CancellationToken.None);
        Assert.True(await registry.SetCertificateStatusAsync(id, CertificateStatus.Inactive, CancellationToken.None));
        Assert.Equal("INACTIVE", harness.Fake.Iot.Certificates[id].Status);

        var again = await registry.RegisterCertificateAsync(der, CancellationToken.None);

        Assert.Equal(id, again);
        Assert.Equal("ACTIVE", harness.Fake.Iot.Certificates[id].Status);
    }

    [Fact]
    public async Task RegisterCertificateAsync_AlreadyRevoked_ThrowsInvalidOperationAndStaysRevoked()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        var der = harness.Ca.IssueDeviceCertificate("dev-0005");
        var id = await registry.RegisterCertificateAsync(der, CancellationToken.None);
        await registry.SetCertificateStatusAsync(id, CertificateStatus.Revoked, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.RegisterCertificateAsync(der, CancellationToken.None));

        Assert.Equal("REVOKED", harness.Fake.Iot.Certificates[id].Status);
    }

    [Fact]
    public async Task SetCertificateStatusAsync_InactiveThenActive_ChangesStatus()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        var id = await registry.RegisterCertificateAsync(harness.Ca.IssueDeviceCertificate("dev-0006"), CancellationToken.None);

        Assert.True(await registry.SetCertificateStatusAsync(id, CertificateStatus.Inactive, CancellationToken.None));
        Assert.Equal("INACTIVE", harness.Fake.Iot.Certificates[id].Status);
        Assert.True(await registry.SetCertificateStatusAsync(id, CertificateStatus.Active, CancellationToken.None));
        Assert.Equal("ACTIVE", harness.Fake.Iot.Certificates[id].Status);
    }

    [Fact]
    public async Task SetCertificateStatusAsync_Revoked_IsFinalButRevokingAgainIsFine()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        var id = await registry.RegisterCertificateAsync(harness.Ca.IssueDeviceCertificate("dev-0007"), CancellationToken.None);

        Assert.True(await registry.SetCertificateStatusAsync(id, CertificateStatus.Revoked, CancellationToken.None));

        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.SetCertificateStatusAsync(id, CertificateStatus.Active, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.SetCertificateStatusAsync(id, CertificateStatus.Inactive, CancellationToken.None));
        Assert.True(await registry.SetCertificateStatusAsync(id, CertificateStatus.Revoked, CancellationToken.None));
        Assert.Equal("REVOKED", harness.Fake.Iot.Certificates[id].Status);
    }

    [Fact]
    public async Task SetCertificateStatusAsync_UnknownCertificate_ReturnsFalse()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();

        var changed = await registry.SetCertificateStatusAsync(new string('a', 64), CertificateStatus.Inactive, CancellationToken.None);

        Assert.False(changed);
    }

    [Fact]
    public async Task RegisterCertificateAsync_WrongCredentials_IsRefusedAsSignatureError()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry(o => o.Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIAWRONGKEY00000000", "not-the-secret"));

        var error = await Assert.ThrowsAsync<Secretless.Aws.Http.AwsServiceException>(
            () => registry.RegisterCertificateAsync(harness.Ca.IssueDeviceCertificate("dev-0008"), CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal(1, harness.Fake.RejectedSignatures);
        Assert.Empty(harness.Fake.Iot.Certificates);
    }
}
