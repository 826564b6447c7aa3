using System.Security.Cryptography;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Registry;

public sealed class SqliteThingRegistryTests : IDisposable
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""";

    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteThingRegistry _registry;

    public SqliteThingRegistryTests()
    {
        _registry = new SqliteThingRegistry(_environment.Database, new LocalStackOptions { MqttEndpoint = "iot.local:8883" }, _environment.Time);
    }

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task RegisterCertificateAsync_Twice_OneActiveRowWithSha256Id()
    {
        var der = TestCertificates.SelfSignedDer("dev-1");

        var first = await _registry.RegisterCertificateAsync(der, CancellationToken.None);
        var second = await _registry.RegisterCertificateAsync(der, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(der)), first);
        Assert.Equal(first, second);
        var listed = Assert.Single(await _registry.ListCertificatesAsync(null, 10, CancellationToken.None));
        Assert.Equal(CertificateStatus.Active, listed.Status);
        Assert.Equal("CN=dev-1", listed.Subject);
        var stored = await _registry.GetCertificateAsync(first, CancellationToken.None);
        Assert.Equal(der, stored!.CertificateDer);
    }

    [Fact]
    public async Task RegisterCertificateAsync_AfterRevocation_KeepsRevoked()
    {
        var der = TestCertificates.SelfSignedDer("dev-1");
        var id = await _registry.RegisterCertificateAsync(der, CancellationToken.None);
        await _registry.SetCertificateStatusAsync(id, CertificateStatus.Revoked, CancellationToken.None);

        await _registry.RegisterCertificateAsync(der, CancellationToken.None);

        Assert.Equal(CertificateStatus.Revoked, (await _registry.GetCertificateAsync(id, CancellationToken.None))!.Status);
    }

    [Theory]
    [InlineData(CertificateStatus.Active)]
    [InlineData(CertificateStatus.Inactive)]
    public async Task SetCertificateStatusAsync_RevokedToAnotherStatus_ThrowsAndStaysRevoked(CertificateStatus target)
    {
        var der = TestCertificates.SelfSignedDer("dev-final");
        var id = await _registry.RegisterCertificateAsync(der, CancellationToken.None);
        Assert.True(await _registry.SetCertificateStatusAsync(id, CertificateStatus.Revoked, CancellationToken.None));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _registry.SetCertificateStatusAsync(id, target, CancellationToken.None));

        Assert.Contains("REVOKED", error.Message, StringComparison.Ordinal);
        Assert.Equal(CertificateStatus.Revoked, (await _registry.GetCertificateAsync(id, CancellationToken.None))!.Status);
        Assert.True(await _registry.SetCertificateStatusAsync(id, CertificateStatus.Revoked, CancellationToken.None));
    }

    [Fact]
    public async Task SetCertificateStatusAsync_UnknownCertificate_ReturnsFalse()
    {
        Assert.False(await _registry.SetCertificateStatusAsync(new string('a', 64), CertificateStatus.Revoked, CancellationToken.None));
    }

    [Fact]
    public async Task FullRegistration_RepeatedTwice_OneThingOnePolicyOneAttachmentEach()
    {
        var der = TestCertificates.SelfSignedDer("dev-1");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var id = await _registry.RegisterCertificateAsync(der, CancellationToken.None);
            await _registry.EnsureThingAsync("dev-1", CancellationToken.None);
            await _registry.EnsurePolicyAsync("product-line", Policy, CancellationToken.None);
            await _registry.AttachPolicyAsync("product-line", id, CancellationToken.None);
            await _registry.AttachThingPrincipalAsync("dev-1", id, CancellationToken.None);
        }

        var certificateId = Convert.ToHexStringLower(SHA256.HashData(der));
        var thing = Assert.Single(await _registry.ListThingsAsync(null, 10, CancellationToken.None));
        Assert.Equal(new ThingSummary("dev-1", _environment.Time.Now, 1), thing);
        var details = await _registry.GetThingAsync("dev-1", CancellationToken.None);
        var principal = Assert.Single(details!.Principals);
        Assert.Equal((certificateId, CertificateStatus.Active), (principal.CertificateId, principal.Status));
        var policy = Assert.Single(await _registry.ListPoliciesAsync(CancellationToken.None));
        Assert.Equal(("product-line", 1, 1), (policy.Name, policy.Version, policy.AttachedCertificates));
        var certificate = await _registry.GetCertificateAsync(certificateId, CancellationToken.None);
        Assert.Equal(["dev-1"], certificate!.ThingNames);
        Assert.Equal(["product-line"], certificate.PolicyNames);
    }

    [Fact]
    public async Task SetCertificateStatusAsync_KnownAndUnknown_ReportsWhetherItChanged()
    {
        var id = await _registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer("dev-1"), CancellationToken.None);
        await _registry.EnsureThingAsync("dev-1", CancellationToken.None);
        await _registry.AttachThingPrincipalAsync("dev-1", id, CancellationToken.None);

        Assert.True(await _registry.SetCertificateStatusAsync(id, CertificateStatus.Inactive, CancellationToken.None));
        Assert.False(await _registry.SetCertificateStatusAsync(new string('0', 64), CertificateStatus.Inactive, CancellationToken.None));

        var thing = await _registry.GetThingAsync("dev-1", CancellationToken.None);
        Assert.Equal(CertificateStatus.Inactive, Assert.Single(thing!.Principals).Status);
    }

    [Fact]
    public async Task AttachPolicyAsync_UnregisteredCertificate_ThrowsClearError()
    {
        await _registry.EnsurePolicyAsync("product-line", Policy, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _registry.AttachPolicyAsync("product-line", new string('e', 64), CancellationToken.None));
        Assert.Contains("register both first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachThingPrincipalAsync_UnregisteredCertificateOrThing_ThrowsClearErrorAndAttachesNothing()
    {
        await _registry.EnsureThingAsync("dev-1", CancellationToken.None);
        var id = await _registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer("dev-1"), CancellationToken.None);

        var unknownCertificate = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _registry.AttachThingPrincipalAsync("dev-1", new string('e', 64), CancellationToken.None));
        var unknownThing = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _registry.AttachThingPrincipalAsync("dev-2", id, CancellationToken.None));

        Assert.Contains("register both first", unknownCertificate.Message, StringComparison.Ordinal);
        Assert.Contains("register both first", unknownThing.Message, StringComparison.Ordinal);
        Assert.Empty((await _registry.GetThingAsync("dev-1", CancellationToken.None))!.Principals);
        Assert.Empty((await _registry.GetCertificateAsync(id, CancellationToken.None))!.ThingNames);
    }

    [Fact]
    public async Task EnsurePolicyAsync_Existing_KeepsOriginalDocument()
    {
        await _registry.EnsurePolicyAsync("p", Policy, CancellationToken.None);

        await _registry.EnsurePolicyAsync("p", """{"Version":"other"}""", CancellationToken.None);

        var policy = await _registry.GetPolicyAsync("p", CancellationToken.None);
        Assert.Equal((Policy, 1), (policy!.Document, policy.Version));
    }

    [Fact]
    public async Task PutPolicyAsync_ChangedAndSameDocument_BumpsVersionOnlyOnChange()
    {
        await _registry.PutPolicyAsync("p", Policy, CancellationToken.None);
        var changed = await _registry.PutPolicyAsync("p", """{"Version":"2012-10-17","Statement":[]}""", CancellationToken.None);
        var same = await _registry.PutPolicyAsync("p", """{"Version":"2012-10-17","Statement":[]}""", CancellationToken.None);

        Assert.Equal(2, changed.Version);
        Assert.Equal(2, same.Version);
        Assert.Contains("\"Statement\":[]", same.Document, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"unterminated\":")]
    public async Task PutPolicyAsync_NotAJsonObject_ThrowsArgumentException(string document)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _registry.PutPolicyAsync("p", document, CancellationToken.None));
        Assert.Null(await _registry.GetPolicyAsync("p", CancellationToken.None));
    }

    [Fact]
    public async Task EnsureThingAsync_InvalidName_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _registry.EnsureThingAsync("bad name/with slash", CancellationToken.None));
    }

    [Fact]
    public async Task ListThingsAsync_Pages_ReturnsNamesInOrder()
    {
        foreach (var name in new[] { "c", "a", "b", "d" })
        {
            await _registry.EnsureThingAsync(name, CancellationToken.None);
        }

        var first = await _registry.ListThingsAsync(null, 3, CancellationToken.None);
        var second = await _registry.ListThingsAsync(first[^1].Name, 3, CancellationToken.None);

        Assert.Equal(["a", "b", "c"], first.Select(thing => thing.Name));
        Assert.Equal(["d"], second.Select(thing => thing.Name));
    }

    [Fact]
    public async Task GetEndpointAsync_ReturnsConfiguredEndpoint()
    {
        Assert.Equal("iot.local:8883", await _registry.GetEndpointAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetThingAsync_Unknown_ReturnsNull()
    {
        Assert.Null(await _registry.GetThingAsync("nobody", CancellationToken.None));
        Assert.Null(await _registry.GetCertificateAsync(new string('1', 64), CancellationToken.None));
    }
}
