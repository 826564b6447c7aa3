using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Core.Csr;
using Secretless.Core.Devices;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Core.Pem;
using Secretless.Core.Provisioning;
using Secretless.Core.Registry;
using Secretless.Local;
using Secretless.Local.Registry;
using Secretless.Server.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Server.Tests;

public sealed class ExactlyOnceIssuanceTests
{
    [Fact]
    public async Task PostNew_FiftyParallelIdenticalCsrsMixedDelivery_OneIssuanceOneCertificate()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "burst-50", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async index =>
        {
            using var response = index % 2 == 0
                ? await server.PostNewAsync(device.DeviceCsrHeader)
                : await server.PostNewWithDeliveryAsync(device.DeviceCsrHeader, "url");
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                using var fetched = await server.Client.GetAsync((await LatentAnswer.ReadAsync(response)).Location);
                Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
                return await fetched.Content.ReadAsStringAsync();
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }));

        var body = Assert.Single(responses.Distinct());
        var answer = ProvisioningAnswer.Parse(body);
        var registry = server.GetRequiredService<SqliteThingRegistry>();
        var certificate = Assert.Single(await registry.ListCertificatesAsync(null, 100, CancellationToken.None));
        Assert.Equal(answer.CertificateId, certificate.CertificateId);
        Assert.Equal(CertificateStatus.Active, certificate.Status);
        Assert.Equal(1L, await CountLedgerRowsAsync(server, device.DeviceId));
    }

    [Fact]
    public async Task Startup_LedgerLeftIssuedByACrash_ResumedAndTheNextRequestGetsThatCertificate()
    {
        using var keys = new TemporaryDirectory("secretless-resume-keys");
        var device = await DeviceKeyFixture.CreateAsync(keys, "crashed-1", TestKeyKind.EcP256);
        IssuedCertificate? issued = null;

        await using var server = await RunningServer.StartAsync(prepareData: async dataDirectory =>
            issued = await IssueWithoutRegisteringAsync(dataDirectory, device));

        // Completed by the start-up resumer before the server answered anything.
        var registry = server.GetRequiredService<SqliteThingRegistry>();
        var registered = Assert.Single(await registry.ListCertificatesAsync(null, 100, CancellationToken.None));
        Assert.Equal(CertificateStatus.Active, registered.Status);
        var csr = CsrInspector.Inspect(device.DeviceCsrHeader).Csr!;
        var record = await server.GetRequiredService<IIssuanceLedger>().FindAsync(new IssuanceKey(csr.DeviceId, csr.Sha256Hex), CancellationToken.None);
        Assert.Equal(IssuanceState.Completed, record!.State);
        Assert.Equal(registered.CertificateId, record.CertificateId);

        using var response = await server.PostNewAsync(device.DeviceCsrHeader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = ProvisioningAnswer.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(PemText.Certificate(issued!.CertificateDer), answer.Certificate);
        Assert.Equal(registered.CertificateId, answer.CertificateId);
        Assert.Single(await registry.ListCertificatesAsync(null, 100, CancellationToken.None));
        Assert.Equal(1L, await CountLedgerRowsAsync(server, device.DeviceId));
    }

    // What a crash between the CA and the registry leaves: device imported, ledger record Issued
    // with the certificate, nothing registered. Written through the real local backends' ports.
    [Fact]
    public async Task PostNew_LedgerLeftIssuedWithACertificateRevokedSince_IssuesANewCertificateInsteadOfFailing()
    {
        using var keys = new TemporaryDirectory("secretless-revoked-keys");
        var device = await DeviceKeyFixture.CreateAsync(keys, "revoked-1", TestKeyKind.EcP256);
        IssuedCertificate? issued = null;

        // A crash after the registration but before completion, then a revocation (e.g. ca revoke).
        await using var server = await RunningServer.StartAsync(prepareData: async dataDirectory =>
        {
            issued = await IssueWithoutRegisteringAsync(dataDirectory, device);
            var services = new ServiceCollection().AddSecretlessLocal(dataDirectory);
            await using var provider = services.BuildServiceProvider();
            var registry = provider.GetRequiredService<SqliteThingRegistry>();
            var id = await registry.RegisterCertificateAsync(issued.CertificateDer, CancellationToken.None);
            await registry.SetCertificateStatusAsync(id, CertificateStatus.Revoked, CancellationToken.None);
        });

        using var response = await server.PostNewAsync(device.DeviceCsrHeader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = ProvisioningAnswer.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEqual(PemText.Certificate(issued!.CertificateDer), answer.Certificate);
        var registry = server.GetRequiredService<SqliteThingRegistry>();
        Assert.Equal(CertificateStatus.Revoked, await registry.GetCertificateStatusAsync(CertificateIds.Of(issued.CertificateDer), CancellationToken.None));
        Assert.Equal(CertificateStatus.Active, await registry.GetCertificateStatusAsync(answer.CertificateId, CancellationToken.None));
        Assert.Equal(1L, await CountLedgerRowsAsync(server, device.DeviceId));
    }

    private static async Task<IssuedCertificate> IssueWithoutRegisteringAsync(SecretlessDataDirectory dataDirectory, DeviceKeyFixture device)
    {
        var services = new ServiceCollection().AddSecretlessLocal(dataDirectory);
        await using var provider = services.BuildServiceProvider();
        Assert.True(PublicKeyNormalizer.TryNormalize(device.PublicKeySpkiDer, out var key, out _));
        await provider.GetRequiredService<IDeviceDirectory>().ImportAsync(
            [new DeviceImportEntry(1, device.DeviceId, key!.SpkiDer, key.Algorithm)], replaceExistingKeys: false, progress: null, CancellationToken.None);

        var csr = CsrInspector.Inspect(device.DeviceCsrHeader).Csr!;
        var issuanceKey = new IssuanceKey(csr.DeviceId, csr.Sha256Hex);
        var ledger = provider.GetRequiredService<IIssuanceLedger>();
        var authority = provider.GetRequiredService<ICertificateAuthority>();
        await ledger.BeginAsync(issuanceKey, DateTimeOffset.UtcNow, CancellationToken.None);
        var profile = new CertificateProfileFactory(new ProvisioningOptions(), TimeProvider.System)
            .Create(csr, await authority.DescribeIssuerAsync(CancellationToken.None));
        var issued = await authority.IssueAsync(profile, CancellationToken.None);
        await ledger.RecordIssuedAsync(issuanceKey, issued, CancellationToken.None);
        return issued;
    }

    private static async Task<long> CountLedgerRowsAsync(RunningServer server, string deviceId)
    {
        await using var connection = new SqliteConnection($"Data Source={server.DataDirectory.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM issuances WHERE device_id = $id;";
        command.Parameters.AddWithValue("$id", deviceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
