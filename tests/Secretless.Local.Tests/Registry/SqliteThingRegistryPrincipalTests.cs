using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Registry;

public sealed class SqliteThingRegistryPrincipalTests : IDisposable
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""";

    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteThingRegistry _registry;

    public SqliteThingRegistryPrincipalTests()
    {
        _registry = new SqliteThingRegistry(_environment.Database, new LocalStackOptions(), _environment.Time);
    }

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task FindPrincipalAsync_RegisteredAndAttached_GivesStatusThingsAndPolicyDocuments()
    {
        var certificateId = await _registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer("dev-1"), CancellationToken.None);
        await _registry.EnsureThingAsync("dev-1", CancellationToken.None);
        await _registry.AttachThingPrincipalAsync("dev-1", certificateId, CancellationToken.None);
        await _registry.EnsurePolicyAsync("product-line", Policy, CancellationToken.None);
        await _registry.AttachPolicyAsync("product-line", certificateId, CancellationToken.None);

        var principal = await _registry.FindPrincipalAsync(certificateId, CancellationToken.None);

        Assert.NotNull(principal);
        Assert.Equal(CertificateStatus.Active, principal.Status);
        Assert.Equal(["dev-1"], principal.ThingNames);
        var policy = Assert.Single(principal.Policies);
        Assert.Equal("product-line", policy.Name);
        Assert.Equal(Policy, policy.Document);
    }

    [Fact]
    public async Task FindPrincipalAsync_UnknownCertificate_ReturnsNull()
        => Assert.Null(await _registry.FindPrincipalAsync(new string('a', 64), CancellationToken.None));

    [Fact]
    public async Task ReadStatusChangesAsync_StatusSetFromAnotherRegistry_ListsOnlyRealChangesInOrder()
    {
        var certificateId = await _registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer("dev-2"), CancellationToken.None);
        var start = await _registry.ReadLatestStatusChangeSequenceAsync(CancellationToken.None);
        var other = new SqliteThingRegistry(SqliteDatabase.Open(_environment.DataDirectory, _environment.Time), new LocalStackOptions(), _environment.Time);

        await other.SetCertificateStatusAsync(certificateId, CertificateStatus.Active, CancellationToken.None); // unchanged: no entry
        await other.SetCertificateStatusAsync(certificateId, CertificateStatus.Inactive, CancellationToken.None);
        await other.SetCertificateStatusAsync(certificateId, CertificateStatus.Revoked, CancellationToken.None);
        var changes = await _registry.ReadStatusChangesAsync(start, CancellationToken.None);

        Assert.Equal([CertificateStatus.Inactive, CertificateStatus.Revoked], changes.Select(change => change.Status));
        Assert.All(changes, change => Assert.Equal(certificateId, change.CertificateId));
        Assert.True(changes[0].Sequence < changes[1].Sequence);
        Assert.Equal(_environment.Time.GetUtcNow(), changes[1].ChangedAt);
        Assert.Empty(await _registry.ReadStatusChangesAsync(changes[1].Sequence, CancellationToken.None));
        Assert.Equal(changes[1].Sequence, await _registry.ReadLatestStatusChangeSequenceAsync(CancellationToken.None));
    }
}
