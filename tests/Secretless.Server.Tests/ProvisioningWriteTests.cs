using System.Net;
using Secretless.Core.Csr;
using Secretless.Core.Issuance;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Storage;
using Secretless.Server.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Server.Tests;

/// <summary>
/// On the embedded stack a provisioning's ledger record and registration are one group-committed
/// write (the performance design of docs/performance.md), and still complete and durable.
/// </summary>
public sealed class ProvisioningWriteTests
{
    private const int Devices = 20;

    [Fact]
    public async Task PostNew_DistinctDevicesInParallel_EachProvisioningIsOneCommittedWrite()
    {
        await using var server = await RunningServer.StartAsync();
        var devices = await Task.WhenAll(Enumerable.Range(0, Devices).Select(
            i => DeviceKeyFixture.CreateAsync(server.Scratch, $"one-write-{i}", TestKeyKind.EcP256)));
        foreach (var device in devices)
        {
            await server.ImportDeviceAsync(device);
        }

        var database = server.GetRequiredService<SqliteDatabase>();
        var itemsBefore = database.WriteItems;

        var answers = await Task.WhenAll(devices.Select(async device =>
        {
            using var response = await server.PostNewAsync(device.DeviceCsrHeader);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return ProvisioningAnswer.Parse(await response.Content.ReadAsStringAsync());
        }));

        Assert.Equal(itemsBefore + Devices, database.WriteItems);
        var registry = server.GetRequiredService<SqliteThingRegistry>();
        var ledger = server.GetRequiredService<IIssuanceLedger>();
        for (var i = 0; i < Devices; i++)
        {
            var certificate = await registry.GetCertificateAsync(answers[i].CertificateId, CancellationToken.None);
            Assert.Equal(CertificateStatus.Active, certificate!.Status);
            Assert.Equal([devices[i].DeviceId], certificate.ThingNames);
            Assert.Single(certificate.PolicyNames);
            var csr = CsrInspector.Inspect(devices[i].DeviceCsrHeader).Csr!;
            var record = await ledger.FindAsync(new IssuanceKey(csr.DeviceId, csr.Sha256Hex), CancellationToken.None);
            Assert.Equal(IssuanceState.Completed, record!.State);
            Assert.Equal(answers[i].CertificateId, record.CertificateId);
        }
    }
}
