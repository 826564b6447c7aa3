using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Replication;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Replication;

/// <summary>The replicator over real region files in one data directory, driven pass by pass with a manual clock.</summary>
public sealed class RegionReplicatorTests : IDisposable
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""";

    private readonly LocalTestEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task ReplicateOnceAsync_RegistrationInA_CopiesCertificateThingAndPolicyToB()
    {
        var (a, b) = (OpenRegion("eu-west-1"), OpenRegion("us-east-1"));
        var certificateId = await RegisterAsync(a, "dev-1");
        await using var replicator = CreateReplicator(TimeSpan.Zero, ("eu-west-1", a), ("us-east-1", b));

        Assert.Null(await b.FindPrincipalAsync(certificateId, CancellationToken.None));
        Assert.True(await replicator.ReplicateOnceAsync(CancellationToken.None) > 0);

        var principal = await b.FindPrincipalAsync(certificateId, CancellationToken.None);
        Assert.NotNull(principal);
        Assert.Equal(CertificateStatus.Active, principal.Status);
        Assert.Equal(["dev-1"], principal.ThingNames);
        Assert.Equal(Policy, Assert.Single(principal.Policies).Document);
        var copied = await b.GetCertificateAsync(certificateId, CancellationToken.None);
        var original = await a.GetCertificateAsync(certificateId, CancellationToken.None);
        Assert.Equal(original!.CertificateDer, copied!.CertificateDer);
        Assert.Equal(original.Issuer, copied.Issuer);
        Assert.Equal(original.SerialNumberHex, copied.SerialNumberHex);
    }

    [Fact]
    public async Task ReplicateOnceAsync_ChangeYoungerThanDelay_AppliedOnlyOnceDue()
    {
        var (a, b) = (OpenRegion("eu-west-1"), OpenRegion("us-east-1"));
        var certificateId = await RegisterAsync(a, "dev-1");
        await using var replicator = CreateReplicator(TimeSpan.FromSeconds(3), ("eu-west-1", a), ("us-east-1", b));

        _environment.Time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(0, await replicator.ReplicateOnceAsync(CancellationToken.None));
        Assert.Null(await b.FindPrincipalAsync(certificateId, CancellationToken.None));

        _environment.Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(await replicator.ReplicateOnceAsync(CancellationToken.None) > 0);
        Assert.Equal(CertificateStatus.Active, (await b.FindPrincipalAsync(certificateId, CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task ReplicateOnceAsync_RevokedInA_RevokedInBWithoutEchoingBack()
    {
        var (a, b) = (OpenRegion("eu-west-1"), OpenRegion("us-east-1"));
        var certificateId = await RegisterAsync(a, "dev-1");
        await using var replicator = CreateReplicator(TimeSpan.Zero, ("eu-west-1", a), ("us-east-1", b));
        await replicator.ReplicateOnceAsync(CancellationToken.None);
        var feedOfB = await b.ReadLatestStatusChangeSequenceAsync(CancellationToken.None);

        await a.SetCertificateStatusAsync(certificateId, CertificateStatus.Revoked, CancellationToken.None);
        Assert.Equal(1, await replicator.ReplicateOnceAsync(CancellationToken.None));

        Assert.Equal(CertificateStatus.Revoked, (await b.FindPrincipalAsync(certificateId, CancellationToken.None))?.Status);
        // B's broker sees the revocation in B's own feed, but it is marked as replicated: nothing goes back to A.
        var change = Assert.Single(await b.ReadStatusChangesAsync(feedOfB, CancellationToken.None));
        Assert.Equal(CertificateStatus.Revoked, change.Status);
        Assert.All(await b.ReadReplicationFeedAsync(0, CancellationToken.None), entry => Assert.Equal("eu-west-1", entry.Origin));
        Assert.Equal(0, await replicator.ReplicateOnceAsync(CancellationToken.None));
        // A's cursor on B moved past B's received entries, so they are not read again at every poll.
        Assert.Equal(
            await b.ReadLatestStatusChangeSequenceAsync(CancellationToken.None),
            await a.ReadReplicationCursorAsync("us-east-1", CancellationToken.None));
    }

    [Fact]
    public async Task ReplicateOnceAsync_RevokedInTargetFirst_StaysRevokedEverywhere()
    {
        var (a, b) = (OpenRegion("eu-west-1"), OpenRegion("us-east-1"));
        var certificateId = await RegisterAsync(a, "dev-1");
        await using var replicator = CreateReplicator(TimeSpan.Zero, ("eu-west-1", a), ("us-east-1", b));
        await replicator.ReplicateOnceAsync(CancellationToken.None);

        await b.SetCertificateStatusAsync(certificateId, CertificateStatus.Revoked, CancellationToken.None);
        await a.SetCertificateStatusAsync(certificateId, CertificateStatus.Inactive, CancellationToken.None);
        await a.SetCertificateStatusAsync(certificateId, CertificateStatus.Active, CancellationToken.None);
        await replicator.ReplicateOnceAsync(CancellationToken.None);
        await replicator.ReplicateOnceAsync(CancellationToken.None);

        Assert.Equal(CertificateStatus.Revoked, (await a.FindPrincipalAsync(certificateId, CancellationToken.None))?.Status);
        Assert.Equal(CertificateStatus.Revoked, (await b.FindPrincipalAsync(certificateId, CancellationToken.None))?.Status);
        Assert.Equal(0, await replicator.ReplicateOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReplicateOnceAsync_NewReplicatorOverReopenedFiles_ResumesFromTheCursor()
    {
        var (a, b) = (OpenRegion("eu-west-1"), OpenRegion("us-east-1"));
        var certificateId = await RegisterAsync(a, "dev-1");
        await using (var first = CreateReplicator(TimeSpan.Zero, ("eu-west-1", a), ("us-east-1", b)))
        {
            Assert.Equal(3, await first.ReplicateOnceAsync(CancellationToken.None)); // registration, policy and thing attachments
        }

        // While no replicator runs ("serve" stopped): a revocation in A.
        await a.SetCertificateStatusAsync(certificateId, CertificateStatus.Revoked, CancellationToken.None);
        var (a2, b2) = (OpenRegion("eu-west-1"), OpenRegion("us-east-1"));
        await using var restarted = CreateReplicator(TimeSpan.Zero, ("eu-west-1", a2), ("us-east-1", b2));

        Assert.Equal(1, await restarted.ReplicateOnceAsync(CancellationToken.None));
        Assert.Equal(CertificateStatus.Revoked, (await b2.FindPrincipalAsync(certificateId, CancellationToken.None))?.Status);
        Assert.True(await b2.ReadReplicationCursorAsync("eu-west-1", CancellationToken.None) > 0);
    }

    [Fact]
    public async Task ReplicateOnceAsync_ThreeRegions_RegistrationsFromTwoReachAllAndSettle()
    {
        var regions = new[] { "eu-west-1", "us-east-1", "ap-south-1" }.Select(name => (name, OpenRegion(name))).ToArray();
        var fromA = await RegisterAsync(regions[0].Item2, "dev-a");
        var fromC = await RegisterAsync(regions[2].Item2, "dev-c");
        await using var replicator = CreateReplicator(TimeSpan.Zero, regions);

        Assert.Equal(12, await replicator.ReplicateOnceAsync(CancellationToken.None)); // 2 registrations × 3 entries × 2 other regions
        Assert.Equal(0, await replicator.ReplicateOnceAsync(CancellationToken.None));

        foreach (var (_, registry) in regions)
        {
            Assert.Equal(["dev-a"], (await registry.FindPrincipalAsync(fromA, CancellationToken.None))?.ThingNames);
            Assert.Equal(["dev-c"], (await registry.FindPrincipalAsync(fromC, CancellationToken.None))?.ThingNames);
        }
    }

    [Fact]
    public async Task StartAsync_RunningInTheBackground_ReplicatesUntilStopped()
    {
        var (a, b) = (OpenRegion("eu-west-1"), OpenRegion("us-east-1"));
        var replicator = new RegionReplicator(
            [new ReplicationRegion("eu-west-1", a), new ReplicationRegion("us-east-1", b)],
            new RegionReplicatorOptions { PollInterval = TimeSpan.FromMilliseconds(20) },
            TimeProvider.System,
            NullLogger<RegionReplicator>.Instance);
        await replicator.StartAsync(CancellationToken.None);
        var certificateId = await RegisterAsync(a, "dev-1");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while ((await b.FindPrincipalAsync(certificateId, CancellationToken.None))?.ThingNames is not ["dev-1"])
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }

        await replicator.StopAsync(CancellationToken.None);
        var later = await RegisterAsync(a, "dev-2");
        Assert.Null(await b.FindPrincipalAsync(later, CancellationToken.None)); // stopped: no pass ran meanwhile
        Assert.True(await replicator.ReplicateOnceAsync(CancellationToken.None) >= 3);
        Assert.NotNull(await b.FindPrincipalAsync(later, CancellationToken.None));
    }

    [Fact]
    public void Constructor_DuplicateRegionNames_Throws()
    {
        var a = OpenRegion("eu-west-1");

        Assert.Throws<ArgumentException>(() => CreateReplicator(TimeSpan.Zero, ("eu-west-1", a), ("eu-west-1", a)));
    }

    [Fact]
    public void Constructor_NegativeDelay_ThrowsNamingTheSetting()
    {
        var exception = Assert.Throws<ArgumentException>(() => CreateReplicator(TimeSpan.FromSeconds(-1), ("eu-west-1", OpenRegion("eu-west-1"))));

        Assert.Contains("SL1301", exception.Message, StringComparison.Ordinal);
    }

    private SqliteThingRegistry OpenRegion(string name)
        => new(SqliteDatabase.Open(_environment.DataDirectory.RegionDatabasePath(name), _environment.Time), new LocalStackOptions(), _environment.Time);

    private RegionReplicator CreateReplicator(TimeSpan delay, params (string Name, SqliteThingRegistry Registry)[] regions)
        => new(
            regions.Select(region => new ReplicationRegion(region.Name, region.Registry)).ToList(),
            new RegionReplicatorOptions { Delay = delay },
            _environment.Time,
            NullLogger<RegionReplicator>.Instance);

    // The order CertificateRegistrar uses.
    private static async Task<string> RegisterAsync(SqliteThingRegistry registry, string thing)
    {
        var certificateId = await registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer(thing), CancellationToken.None);
        await registry.EnsureThingAsync(thing, CancellationToken.None);
        await registry.EnsurePolicyAsync("product-line", Policy, CancellationToken.None);
        await registry.AttachPolicyAsync("product-line", certificateId, CancellationToken.None);
        await registry.AttachThingPrincipalAsync(thing, certificateId, CancellationToken.None);
        return certificateId;
    }
}
