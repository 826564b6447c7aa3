using System.Net;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Secretless.Core.Registry;
using Secretless.Device.Runtime;
using Secretless.Device.Tests.Mqtt;
using Secretless.TestSupport;
using Secretless.TestSupport.Network;

namespace Secretless.Device.Tests.Runtime;

/// <summary>
/// <see cref="DeviceRunner"/> against the real server (real <c>/new</c>, local PKI, SQLite registry)
/// and the real embedded MQTT broker with mutual TLS on a free loopback port.
/// </summary>
public sealed class DeviceRunnerTests
{
    [Fact]
    public async Task RunAsync_NoStoredCertificate_ProvisionsConnectsAndHeartbeats()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var key = await ImportAsync(stack, "runner-basic");
        using var storage = new TemporaryDirectory("secretless-runner");
        await using var runner = RunnerHarness.Start(stack, "runner-basic", key, storage.Path);

        var provisioned = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Provisioned);
        var connected = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Connected);
        await runner.Events.WaitForAsync(e => e.Event == DeviceRunnerEventNames.Heartbeat, runner.Events.IndexOf(connected) + 2);

        Assert.Equal(ProvisioningReasons.NoCertificate, provisioned.Reason);
        Assert.Equal(provisioned.CertificateId, connected.CertificateId);
        Assert.Contains("CN=", provisioned.Issuer, StringComparison.Ordinal);
        Assert.Equal(CertificateStatus.Active, (await stack.Registry.GetCertificateAsync(provisioned.CertificateId!, CancellationToken.None))?.Status);
        Assert.True(File.Exists(Path.Combine(storage.Path, DeviceCertificateStore.CertificateFileName)));
        Assert.True(runner.Events.Snapshot().Count(e => e.Event == DeviceRunnerEventNames.Heartbeat && e.CertificateId == provisioned.CertificateId) >= 2);

        await runner.StopAsync();
        Assert.True(runner.Running.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task RunAsync_StoredValidCertificate_ConnectsWithoutProvisioning()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var key = await ImportAsync(stack, "runner-reuse");
        using var storage = new TemporaryDirectory("secretless-runner");
        string firstCertificate;
        await using (var first = RunnerHarness.Start(stack, "runner-reuse", key, storage.Path))
        {
            firstCertificate = (await first.Events.WaitForAsync(DeviceRunnerEventNames.Connected)).CertificateId!;
            await first.StopAsync();
        }

        await using var second = RunnerHarness.Start(stack, "runner-reuse", key, storage.Path);
        var connected = await second.Events.WaitForAsync(DeviceRunnerEventNames.Connected);

        Assert.Equal(firstCertificate, connected.CertificateId);
        Assert.DoesNotContain(second.Events.Snapshot(), e => e.Event == DeviceRunnerEventNames.Provisioned);
    }

    [Fact]
    public async Task RunAsync_StoredCertificateExpired_ProvisionsWithReasonExpired()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var key = await ImportAsync(stack, "runner-expired");
        using var storage = new TemporaryDirectory("secretless-runner");
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=runner-expired", key, HashAlgorithmName.SHA256);
        using (var expired = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1)))
        {
            await File.WriteAllTextAsync(Path.Combine(storage.Path, DeviceCertificateStore.CertificateFileName), expired.ExportCertificatePem());
        }

        await using var runner = RunnerHarness.Start(stack, "runner-expired", key, storage.Path);
        var provisioned = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Provisioned);
        var connected = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Connected);

        Assert.Equal(ProvisioningReasons.Expired, provisioned.Reason);
        Assert.Equal(provisioned.CertificateId, connected.CertificateId);
        Assert.True(provisioned.NotAfter > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task RunAsync_CertificateRevokedWhileConnected_ReprovisionsAndReconnectsWithNewCertificate()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var key = await ImportAsync(stack, "runner-revoked");
        using var storage = new TemporaryDirectory("secretless-runner");
        await using var runner = RunnerHarness.Start(stack, "runner-revoked", key, storage.Path);
        var connected = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Connected);
        var oldCertificate = connected.CertificateId!;

        Assert.True(await stack.SetStatusAsync(oldCertificate, CertificateStatus.Revoked));

        var disconnected = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Disconnected);
        var refused = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Refused);
        var reprovisioned = await runner.Events.WaitForAsync(e => e.Event == DeviceRunnerEventNames.Provisioned && e.CertificateId != oldCertificate);
        var reconnected = await runner.Events.WaitForAsync(e => e.Event == DeviceRunnerEventNames.Connected && e.CertificateId != oldCertificate);

        Assert.Equal(oldCertificate, disconnected.CertificateId);
        Assert.Equal("connect", refused.Stage);
        Assert.Contains("135 NotAuthorized", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(ProvisioningReasons.AuthRefused, reprovisioned.Reason);
        Assert.Equal(reprovisioned.CertificateId, reconnected.CertificateId);
        await runner.Events.WaitForAsync(e => e.Event == DeviceRunnerEventNames.Heartbeat && e.CertificateId == reconnected.CertificateId);
    }

    [Fact]
    public async Task RunAsync_TinyRenewalFraction_RenewsBeforeExpiryAndReconnects()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var key = await ImportAsync(stack, "runner-renew");
        using var storage = new TemporaryDirectory("secretless-runner");
        // 1e-7 of a one-year certificate: renewal due about 3 s after it arrived.
        await using var runner = RunnerHarness.Start(stack, "runner-renew", key, storage.Path, options => Copy(options, renewAt: 1e-7));
        var first = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Provisioned);

        var renewed = await runner.Events.WaitForAsync(e => e.Event == DeviceRunnerEventNames.Provisioned && e.Reason == ProvisioningReasons.RenewalDue);
        var reconnected = await runner.Events.WaitForAsync(
            e => e.Event == DeviceRunnerEventNames.Connected && e.CertificateId == renewed.CertificateId, runner.Events.IndexOf(renewed));

        Assert.NotEqual(first.CertificateId, renewed.CertificateId);
        Assert.True(renewed.At < first.NotAfter, "renewed before the old certificate expired");
        Assert.True(renewed.At - first.At >= TimeSpan.FromSeconds(2), $"renewal came too early: {renewed.At - first.At}");
        // The new certificate is what the device stored.
        using var stored = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            await File.ReadAllTextAsync(Path.Combine(storage.Path, DeviceCertificateStore.CertificateFileName)));
        Assert.Equal(renewed.CertificateId, Convert.ToHexStringLower(SHA256.HashData(stored.RawData)));
        Assert.NotNull(reconnected);
    }

    [Fact]
    public async Task RunAsync_CertificateNotYetReplicated_RetriesConnectUntilTheWaitThenReprovisions()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var key = await ImportAsync(stack, "runner-lag");
        using var storage = new TemporaryDirectory("secretless-runner");
        string stale;
        await using (var first = RunnerHarness.Start(stack, "runner-lag", key, storage.Path))
        {
            stale = (await first.Events.WaitForAsync(DeviceRunnerEventNames.Connected)).CertificateId!;
            await first.StopAsync();
        }

        // As a region that has not received the certificate yet: the registry does not know it.
        await DeleteCertificateAsync(stack, stale);
        File.SetLastWriteTimeUtc(Path.Combine(storage.Path, DeviceCertificateStore.CertificateFileName), DateTime.UtcNow);
        await using var runner = RunnerHarness.Start(
            stack, "runner-lag", key, storage.Path, options => Copy(options, replicationWait: TimeSpan.FromSeconds(3)));

        var firstRefusal = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Refused);
        var reprovisioned = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Provisioned);
        var reconnected = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Connected);

        Assert.Equal(stale, firstRefusal.CertificateId);
        Assert.Contains("134 BadUserNameOrPassword", firstRefusal.Reason, StringComparison.Ordinal);
        Assert.True(firstRefusal.RetryInSeconds > 0, firstRefusal.ToJsonLine());
        var refusalsBefore = runner.Events.Snapshot().Take(runner.Events.IndexOf(reprovisioned)).Count(e => e.Event == DeviceRunnerEventNames.Refused);
        Assert.True(refusalsBefore >= 2, $"only {refusalsBefore} connect retries during the replication wait");
        Assert.True(reprovisioned.At - firstRefusal.At >= TimeSpan.FromSeconds(2), "re-provisioned before the replication wait was over");
        Assert.Equal(ProvisioningReasons.AuthRefused, reprovisioned.Reason);
        Assert.Equal(reprovisioned.CertificateId, reconnected.CertificateId);
    }

    [Fact]
    public async Task RunAsync_DeviceNotRegistered_EndsWithTheServicesRefusal()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var storage = new TemporaryDirectory("secretless-runner");
        await using var runner = RunnerHarness.Start(stack, "runner-unknown", key, storage.Path);

        var failure = await Assert.ThrowsAsync<ProvisioningFailedException>(() => runner.Running.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
        var error = Assert.Single(runner.Events.Snapshot());
        Assert.Equal(DeviceRunnerEventNames.Error, error.Event);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EndpointUnreachable_ReportsErrorsAndKeepsTrying()
    {
        await using var stack = await MqttTestStack.StartAsync();
        using var key = await ImportAsync(stack, "runner-offline");
        using var storage = new TemporaryDirectory("secretless-runner");
        var closedPort = LoopbackPorts.Free();
        await using var runner = RunnerHarness.Start(stack, "runner-offline", key, storage.Path, port: closedPort);

        var provisioned = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Provisioned);
        var firstError = await runner.Events.WaitForAsync(DeviceRunnerEventNames.Error);
        await runner.Events.WaitForAsync(DeviceRunnerEventNames.Error, runner.Events.IndexOf(firstError) + 1);
        await runner.StopAsync();

        Assert.Contains($"{closedPort}", firstError.Message, StringComparison.Ordinal);
        // Unreachable is not a refusal: the device kept its certificate.
        Assert.Single(runner.Events.Snapshot(), e => e.Event == DeviceRunnerEventNames.Provisioned);
        Assert.Equal(ProvisioningReasons.NoCertificate, provisioned.Reason);
        Assert.True(runner.Running.IsCompletedSuccessfully);
    }

    private static async Task<ECDsa> ImportAsync(MqttTestStack stack, string deviceId)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await stack.Server.ImportDeviceAsync(deviceId, key.ExportSubjectPublicKeyInfo());
        return key;
    }

    private static DeviceRunnerOptions Copy(DeviceRunnerOptions options, double? renewAt = null, TimeSpan? replicationWait = null) => new()
    {
        DeviceId = options.DeviceId,
        PrivateKey = options.PrivateKey,
        Server = options.Server,
        OutDirectory = options.OutDirectory,
        TrustedCaPem = options.TrustedCaPem,
        Endpoint = options.Endpoint,
        Heartbeat = options.Heartbeat,
        MinimumReprovisionInterval = options.MinimumReprovisionInterval,
        Backoff = options.Backoff,
        RenewAt = renewAt ?? options.RenewAt,
        ReplicationWait = replicationWait ?? options.ReplicationWait,
    };

    private static async Task DeleteCertificateAsync(MqttTestStack stack, string certificateId)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = stack.Server.DataDirectory.DatabasePath,
            Pooling = false,
            ForeignKeys = true,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM certificates WHERE certificate_id = $id;";
        command.Parameters.AddWithValue("$id", certificateId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
