using System.Security.Cryptography;
using Secretless.Device.Tests.Support;
using Secretless.Server.Tests.Support;
using Secretless.Device.Simulation;

namespace Secretless.Device.Tests;

/// <summary>A device at start: the stored certificate when it is still good, else provisioning (real server behind a counting proxy).</summary>
public sealed class EnsureCertificateTests
{
    [Fact]
    public async Task EnsureCertificateAsync_ValidStoredCertificate_IsReusedWithoutAnyRequest()
    {
        await using var server = await RunningServer.StartAsync();
        var fleet = await ServerDatabase.ImportFleetAsync(server, "boot", 1);
        using var key = fleet[0].Key;
        await using var proxy = FaultInjectingProxy.Start(server.BaseUri, new FaultInjectingProxyOptions());
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(server.CaChainPem));
        var client = new ResilientProvisioningClient(http);
        var store = new DeviceCertificateStore(server.Scratch.File("nvm"));

        var first = await client.EnsureCertificateAsync("boot-000", key, proxy.Rewrite(server.BaseUri), null, store, ProvisioningDelivery.Direct, CancellationToken.None);
        var connectionsAfterProvisioning = proxy.Connections;
        var second = await new ResilientProvisioningClient(http).EnsureCertificateAsync(
            "boot-000", key, proxy.Rewrite(server.BaseUri), null, store, ProvisioningDelivery.Direct, CancellationToken.None);

        Assert.False(first.ReusedStored);
        Assert.True(connectionsAfterProvisioning >= 1);
        Assert.True(second.ReusedStored);
        Assert.Equal(connectionsAfterProvisioning, proxy.Connections);
        Assert.Equal(first.Certificate.CertificateId, second.Certificate.CertificateId);
        Assert.Equal(first.Provisioning!.Certificate.CertificateId, second.Certificate.CertificateId);
    }

    [Fact]
    public async Task EnsureCertificateAsync_StoredCertificateDueForRenewal_ProvisionsAndReplacesIt()
    {
        await using var server = await RunningServer.StartAsync();
        var fleet = await ServerDatabase.ImportFleetAsync(server, "renew", 1);
        using var key = fleet[0].Key;
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(server.CaChainPem));
        var client = new ResilientProvisioningClient(http);
        var first = await client.EnsureCertificateAsync(
            "renew-000", key, server.BaseUri, null, new DeviceCertificateStore(server.Scratch.File("nvm")), ProvisioningDelivery.Direct, CancellationToken.None);
        // A margin longer than the certificate's whole life makes the stored one due for renewal.
        var renewing = new DeviceCertificateStore(server.Scratch.File("nvm"), TimeSpan.FromDays(3650));

        var second = await client.EnsureCertificateAsync("renew-000", key, server.BaseUri, null, renewing, ProvisioningDelivery.Direct, CancellationToken.None);

        Assert.False(second.ReusedStored);
        Assert.NotEqual(first.Certificate.CertificateId, second.Certificate.CertificateId);
        Assert.Equal(second.Certificate.CertificatePem, await File.ReadAllTextAsync(renewing.CertificatePath));
    }

    [Fact]
    public async Task EnsureCertificateAsync_StoredCertificateOfAnotherKey_IsNotReused()
    {
        await using var server = await RunningServer.StartAsync();
        var fleet = await ServerDatabase.ImportFleetAsync(server, "swap", 2);
        using var ownKey = fleet[0].Key;
        using var otherKey = fleet[1].Key;
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(server.CaChainPem));
        var client = new ResilientProvisioningClient(http);
        var store = new DeviceCertificateStore(server.Scratch.File("nvm"));
        // The storage holds swap-001's certificate (another key, another name).
        await client.EnsureCertificateAsync("swap-001", otherKey, server.BaseUri, null, store, ProvisioningDelivery.Direct, CancellationToken.None);

        var outcome = await client.EnsureCertificateAsync("swap-000", ownKey, server.BaseUri, null, store, ProvisioningDelivery.Direct, CancellationToken.None);

        Assert.False(outcome.ReusedStored);
        using var leaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(outcome.Certificate.CertificatePem);
        Assert.Equal("CN=swap-000", leaf.Subject);
        Assert.Equal(ownKey.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
    }
}
