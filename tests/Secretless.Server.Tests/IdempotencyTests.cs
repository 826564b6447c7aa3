using System.Net;
using Microsoft.Data.Sqlite;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Server.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Server.Tests;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task PostNew_TwentyParallelIdenticalRequests_OneIssuanceOneRegistration()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "burst-1", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await server.PostNewAsync(device.DeviceCsrHeader);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var answers = responses.Select(response => ProvisioningAnswer.Parse(response.Body)).Distinct().ToList();
        var answer = Assert.Single(answers);

        var registry = server.GetRequiredService<SqliteThingRegistry>();
        var certificate = Assert.Single(await registry.ListCertificatesAsync(null, 100, CancellationToken.None));
        Assert.Equal(answer.CertificateId, certificate.CertificateId);
        Assert.Equal(CertificateStatus.Active, certificate.Status);
        var thing = await registry.GetThingAsync(device.DeviceId, CancellationToken.None);
        Assert.Equal(answer.CertificateId, Assert.Single(thing!.Principals).CertificateId);
        Assert.Equal(1L, await CountLedgerRowsAsync(server, device.DeviceId));
    }

    [Fact]
    public async Task PostNew_NewCsrFromSameDevice_IssuesASecondCertificate()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "rotating-1", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);
        var secondCsr = await device.CreateCsrAsync("/CN=rotating-1");

        using var first = await server.PostNewAsync(device.DeviceCsrHeader);
        using var second = await server.PostNewAsync(secondCsr.DeviceCsrHeader);

        var firstAnswer = ProvisioningAnswer.Parse(await first.Content.ReadAsStringAsync());
        var secondAnswer = ProvisioningAnswer.Parse(await second.Content.ReadAsStringAsync());
        Assert.NotEqual(firstAnswer.CertificateId, secondAnswer.CertificateId);
        Assert.Equal(2L, await CountLedgerRowsAsync(server, device.DeviceId));
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
