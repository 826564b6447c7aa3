using Secretless.Core.Registry;

namespace Secretless.Aws.Tests.Iot;

/// <summary>What rotation reads from AWS IoT: DescribeCertificate and ListThingPrincipals over signed HTTP.</summary>
public sealed class IotCoreThingRegistryRotationTests
{
    [Fact]
    public async Task GetCertificateStatusAsync_RegisteredRevokedAndUnknown_StatusOrNull()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        var active = await registry.RegisterCertificateAsync(harness.Ca.IssueDeviceCertificate("dev-0101"), CancellationToken.None);
        var revoked = await registry.RegisterCertificateAsync(harness.Ca.IssueDeviceCertificate("dev-0102"), CancellationToken.None);
        await registry.SetCertificateStatusAsync(revoked, CertificateStatus.Revoked, CancellationToken.None);

        Assert.Equal(CertificateStatus.Active, await registry.GetCertificateStatusAsync(active, CancellationToken.None));
        Assert.Equal(CertificateStatus.Revoked, await registry.GetCertificateStatusAsync(revoked, CancellationToken.None));
        Assert.Null(await registry.GetCertificateStatusAsync(new string('f', 64), CancellationToken.None));
        Assert.Equal(0, harness.Fake.RejectedSignatures);
    }

    [Fact]
    public async Task ListThingCertificatesAsync_ThingWithHistory_EveryCertificateWithStatusOldestFirst()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        await registry.EnsureThingAsync("dev-0201", CancellationToken.None);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = await registry.RegisterCertificateAsync(harness.Ca.IssueDeviceCertificate("dev-0201"), CancellationToken.None);
            await registry.AttachThingPrincipalAsync("dev-0201", id, CancellationToken.None);
            ids.Add(id);
        }

        await registry.SetCertificateStatusAsync(ids[0], CertificateStatus.Revoked, CancellationToken.None);
        await registry.SetCertificateStatusAsync(ids[1], CertificateStatus.Inactive, CancellationToken.None);

        // A fresh registry: nothing cached, everything read from AWS IoT.
        var listed = await harness.CreateRegistry().ListThingCertificatesAsync("dev-0201", CancellationToken.None);

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(c => c.CertificateId).Order(StringComparer.Ordinal));
        Assert.Equal(CertificateStatus.Revoked, listed.Single(c => c.CertificateId == ids[0]).Status);
        Assert.Equal(CertificateStatus.Inactive, listed.Single(c => c.CertificateId == ids[1]).Status);
        Assert.Equal(CertificateStatus.Active, listed.Single(c => c.CertificateId == ids[2]).Status);
        Assert.Equal(listed.Select(c => c.RegisteredAt).Order(), listed.Select(c => c.RegisteredAt));
        foreach (var certificate in listed)
        {
            // AWS IoT sends epoch seconds with milliseconds.
            Assert.Equal(
                harness.Fake.Iot.Certificates[certificate.CertificateId].CreationDate.ToUnixTimeMilliseconds(),
                certificate.RegisteredAt.ToUnixTimeMilliseconds());
        }

        Assert.Equal(1, harness.CallCount("ListThingPrincipals"));
    }

    [Fact]
    public async Task ListThingCertificatesAsync_UnknownThingOrNoPrincipals_Empty()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        await registry.EnsureThingAsync("dev-0301", CancellationToken.None);

        Assert.Empty(await registry.ListThingCertificatesAsync("dev-0301", CancellationToken.None));
        Assert.Empty(await registry.ListThingCertificatesAsync("no-such-thing", CancellationToken.None));
    }
}
