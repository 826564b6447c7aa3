using Microsoft.Data.Sqlite;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Registry;

/// <summary>
/// The status feed (replication and the broker read it) gets one entry per registration and one
/// per later attachment (schema version 6), never none for a change another region must copy.
/// </summary>
public sealed class RegistryFeedEntriesTests : IDisposable
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""";

    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteThingRegistry _registry;

    public RegistryFeedEntriesTests()
    {
        _registry = new SqliteThingRegistry(_environment.Database, new LocalStackOptions(), _environment.Time);
    }

    public void Dispose()
    {
        _environment.Database.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task RegisterDeviceCertificateAsync_NewCertificate_OneEntryCoversCertificateThingAndPolicy()
    {
        var der = TestCertificates.SelfSignedDer("dev-1");

        var id = await _registry.RegisterDeviceCertificateAsync(new("dev-1", der, "line", Policy, false), CancellationToken.None);

        var entry = Assert.Single(await _registry.ReadReplicationFeedAsync(0, CancellationToken.None));
        Assert.Equal(id, entry.CertificateId);
        Assert.Equal(CertificateStatus.Active, entry.Status);
    }

    [Fact]
    public async Task Attach_CertificateRegisteredEarlier_EachNewAttachmentAddsAnEntryRepeatsAddNone()
    {
        var id = await _registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer("dev-2"), CancellationToken.None);
        await _registry.EnsureThingAsync("dev-2", CancellationToken.None);
        await _registry.EnsurePolicyAsync("line", Policy, CancellationToken.None);
        var afterRegistration = await _registry.ReadLatestStatusChangeSequenceAsync(CancellationToken.None);

        await _registry.AttachThingPrincipalAsync("dev-2", id, CancellationToken.None);
        await _registry.AttachPolicyAsync("line", id, CancellationToken.None);
        await _registry.AttachThingPrincipalAsync("dev-2", id, CancellationToken.None);
        await _registry.AttachPolicyAsync("line", id, CancellationToken.None);

        var entries = await _registry.ReadReplicationFeedAsync(afterRegistration, CancellationToken.None);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, entry => Assert.Equal(id, entry.CertificateId));
    }

    [Fact]
    public async Task RegisterDeviceCertificateAsync_KnownCertificateNewThing_AnnouncesTheNewAttachment()
    {
        var der = TestCertificates.SelfSignedDer("dev-3");
        var id = await _registry.RegisterCertificateAsync(der, CancellationToken.None);
        var afterRegistration = await _registry.ReadLatestStatusChangeSequenceAsync(CancellationToken.None);

        await _registry.RegisterDeviceCertificateAsync(new("dev-3", der, "line", Policy, false), CancellationToken.None);

        // Two attachments to a certificate other regions may already hold: both must travel.
        var entries = await _registry.ReadReplicationFeedAsync(afterRegistration, CancellationToken.None);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, entry => Assert.Equal(id, entry.CertificateId));
    }

    [Fact]
    public void Open_DatabaseAtVersion5_DropsTheAttachmentTriggers()
    {
        var path = Path.Combine(_environment.Temporary.Path, "v5", "secretless.db");
        OlderSchemaFile.Create(path, 5, "SELECT 1;");

        var upgraded = SqliteDatabase.Open(path, _environment.Time);

        Assert.Equal(SqliteMigrations.LatestVersion, upgraded.ReadSchemaVersion());
        using var reopened = upgraded.OpenConnection();
        using var command = reopened.CreateCommand();
        command.CommandText = "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name);";
        Assert.Equal("certificates_registered,certificates_status_changed", command.ExecuteScalar() as string);
    }
}
