using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Registry;

public sealed class SqliteThingRegistryRotationTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteThingRegistry _registry;

    public SqliteThingRegistryRotationTests()
    {
        _registry = new SqliteThingRegistry(_environment.Database, new LocalStackOptions { MqttEndpoint = "iot.local:8883" }, _environment.Time);
    }

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task GetCertificateStatusAsync_KnownAndUnknown_StatusOrNull()
    {
        var id = await RegisterForThingAsync("dev-1", "dev-1-a");
        await _registry.SetCertificateStatusAsync(id, CertificateStatus.Inactive, CancellationToken.None);

        Assert.Equal(CertificateStatus.Inactive, await _registry.GetCertificateStatusAsync(id, CancellationToken.None));
        Assert.Null(await _registry.GetCertificateStatusAsync(new string('0', 64), CancellationToken.None));
    }

    [Fact]
    public async Task ListThingCertificatesAsync_SeveralCertificates_RegistrationOrderWithStatusAndTime()
    {
        var start = _environment.Time.Now;
        var a = await RegisterForThingAsync("dev-1", "dev-1-a");
        var sameInstant = await RegisterForThingAsync("dev-1", "dev-1-b");
        _environment.Time.Advance(TimeSpan.FromMinutes(1));
        var later = await RegisterForThingAsync("dev-1", "dev-1-c");
        await RegisterForThingAsync("dev-2", "dev-2-a");
        await _registry.SetCertificateStatusAsync(a, CertificateStatus.Revoked, CancellationToken.None);

        var listed = await _registry.ListThingCertificatesAsync("dev-1", CancellationToken.None);

        Assert.Equal([a, sameInstant, later], listed.Select(c => c.CertificateId));
        Assert.Equal([CertificateStatus.Revoked, CertificateStatus.Active, CertificateStatus.Active], listed.Select(c => c.Status));
        Assert.Equal([start, start, start.AddMinutes(1)], listed.Select(c => c.RegisteredAt));
        Assert.Empty(await _registry.ListThingCertificatesAsync("no-such-thing", CancellationToken.None));
    }

    [Fact]
    public async Task FindSupersededAsync_GraceNotOver_FindsNothingThenEarliestSuccessorOnceOver()
    {
        var start = _environment.Time.Now;
        var oldest = await RegisterForThingAsync("dev-1", "dev-1-a");
        _environment.Time.Advance(TimeSpan.FromMinutes(1));
        var middle = await RegisterForThingAsync("dev-1", "dev-1-b");
        _environment.Time.Advance(TimeSpan.FromMinutes(1));
        var newest = await RegisterForThingAsync("dev-1", "dev-1-c");

        Assert.Empty(await _registry.FindSupersededAsync(start.AddSeconds(59), 10, CancellationToken.None));

        var found = await _registry.FindSupersededAsync(start.AddMinutes(1), 10, CancellationToken.None);
        var single = Assert.Single(found);
        Assert.Equal(new SupersededCertificate("dev-1", oldest, middle, start.AddMinutes(1)), single);

        var all = await _registry.FindSupersededAsync(start.AddMinutes(5), 10, CancellationToken.None);
        Assert.Equal([(oldest, middle), (middle, newest)], all.Select(s => (s.CertificateId, s.SupersededByCertificateId)));
    }

    [Fact]
    public async Task FindSupersededAsync_SuccessorNotActiveOrOlderRevoked_NotReported()
    {
        var revokedOld = await RegisterForThingAsync("dev-1", "dev-1-a");
        await _registry.SetCertificateStatusAsync(revokedOld, CertificateStatus.Revoked, CancellationToken.None);
        _environment.Time.Advance(TimeSpan.FromSeconds(1));
        var current = await RegisterForThingAsync("dev-1", "dev-1-b");
        _environment.Time.Advance(TimeSpan.FromSeconds(1));
        var failedRegistration = await RegisterForThingAsync("dev-1", "dev-1-c");
        await _registry.SetCertificateStatusAsync(failedRegistration, CertificateStatus.Inactive, CancellationToken.None);
        _environment.Time.Advance(TimeSpan.FromHours(1));

        var found = await _registry.FindSupersededAsync(_environment.Time.Now, 10, CancellationToken.None);

        // revokedOld is already retired; current's only successor is INACTIVE (never delivered).
        Assert.Empty(found);
        Assert.Equal(CertificateStatus.Active, await _registry.GetCertificateStatusAsync(current, CancellationToken.None));
    }

    [Fact]
    public async Task FindSupersededAsync_SameInstant_RowOrderDecidesAndLimitApplies()
    {
        var first = await RegisterForThingAsync("dev-1", "dev-1-a");
        var second = await RegisterForThingAsync("dev-1", "dev-1-b");
        await RegisterForThingAsync("dev-2", "dev-2-a");
        await RegisterForThingAsync("dev-2", "dev-2-b");

        var found = await _registry.FindSupersededAsync(_environment.Time.Now, 10, CancellationToken.None);
        var limited = await _registry.FindSupersededAsync(_environment.Time.Now, 1, CancellationToken.None);

        Assert.Equal(2, found.Count);
        Assert.Contains(found, s => s.CertificateId == first && s.SupersededByCertificateId == second);
        Assert.DoesNotContain(found, s => s.CertificateId == second);
        Assert.Single(limited);
    }

    private async Task<string> RegisterForThingAsync(string thing, string commonName)
    {
        var id = await _registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer(commonName), CancellationToken.None);
        await _registry.EnsureThingAsync(thing, CancellationToken.None);
        await _registry.AttachThingPrincipalAsync(thing, id, CancellationToken.None);
        return id;
    }
}
