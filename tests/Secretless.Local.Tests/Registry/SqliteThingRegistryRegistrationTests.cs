using Microsoft.Data.Sqlite;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Registry;

public sealed class SqliteThingRegistryRegistrationTests : IDisposable
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""";

    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteThingRegistry _registry;

    public SqliteThingRegistryRegistrationTests()
    {
        _registry = new SqliteThingRegistry(_environment.Database, new LocalStackOptions(), _environment.Time);
    }

    public void Dispose()
    {
        _environment.Database.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task RegisterDeviceCertificateAsync_Fresh_WritesCertificateThingPolicyAndBothAttachments()
    {
        var der = TestCertificates.SelfSignedDer("dev-1");

        var id = await _registry.RegisterDeviceCertificateAsync(Registration("dev-1", der), CancellationToken.None);

        Assert.Equal(SqliteThingRegistry.CertificateIdOf(der), id);
        var certificate = await _registry.GetCertificateAsync(id, CancellationToken.None);
        Assert.NotNull(certificate);
        Assert.Equal(CertificateStatus.Active, certificate.Status);
        Assert.Equal("CN=dev-1", certificate.Subject);
        Assert.Equal("CN=dev-1", certificate.Issuer);
        Assert.Equal(["dev-1"], certificate.ThingNames);
        Assert.Equal(["product-line"], certificate.PolicyNames);
        Assert.Equal(Policy, (await _registry.GetPolicyAsync("product-line", CancellationToken.None))!.Document);
    }

    [Fact]
    public async Task RegisterDeviceCertificateAsync_SameAsGranularCalls_StoresTheSameColumns()
    {
        var der = TestCertificates.SelfSignedDer("dev-same");
        var granularId = await _registry.RegisterCertificateAsync(der, CancellationToken.None);
        var granular = await _registry.GetCertificateAsync(granularId, CancellationToken.None);

        var id = await _registry.RegisterDeviceCertificateAsync(Registration("dev-same", der), CancellationToken.None);

        var atomic = await _registry.GetCertificateAsync(id, CancellationToken.None);
        Assert.Equal(granularId, id);
        Assert.Equal(granular!.Subject, atomic!.Subject);
        Assert.Equal(granular.Issuer, atomic.Issuer);
        Assert.Equal(granular.SerialNumberHex, atomic.SerialNumberHex);
        Assert.Equal(granular.NotAfter, atomic.NotAfter);
    }

    [Fact]
    public async Task RegisterDeviceCertificateAsync_Repeated_IsIdempotent()
    {
        var der = TestCertificates.SelfSignedDer("dev-2");

        var first = await _registry.RegisterDeviceCertificateAsync(Registration("dev-2", der), CancellationToken.None);
        var second = await _registry.RegisterDeviceCertificateAsync(Registration("dev-2", der), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(await _registry.ListCertificatesAsync(null, 10, CancellationToken.None));
        var thing = await _registry.GetThingAsync("dev-2", CancellationToken.None);
        Assert.Equal(first, Assert.Single(thing!.Principals).CertificateId);
        Assert.Single(await _registry.ListPoliciesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RegisterDeviceCertificateAsync_RevokedWithReactivate_ThrowsAndWritesNothing()
    {
        var der = TestCertificates.SelfSignedDer("dev-3");
        var id = await _registry.RegisterCertificateAsync(der, CancellationToken.None);
        await _registry.SetCertificateStatusAsync(id, CertificateStatus.Revoked, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _registry.RegisterDeviceCertificateAsync(Registration("dev-3", der, reactivate: true), CancellationToken.None));

        Assert.Contains("REVOKED", error.Message, StringComparison.Ordinal);
        Assert.Equal(CertificateStatus.Revoked, await _registry.GetCertificateStatusAsync(id, CancellationToken.None));
        Assert.Null(await _registry.GetThingAsync("dev-3", CancellationToken.None));
        Assert.Null(await _registry.GetPolicyAsync("product-line", CancellationToken.None));
    }

    [Fact]
    public async Task RegisterDeviceCertificateAsync_RevokedWithoutReactivate_StaysRevoked()
    {
        var der = TestCertificates.SelfSignedDer("dev-4");
        var id = await _registry.RegisterCertificateAsync(der, CancellationToken.None);
        await _registry.SetCertificateStatusAsync(id, CertificateStatus.Revoked, CancellationToken.None);

        await _registry.RegisterDeviceCertificateAsync(Registration("dev-4", der), CancellationToken.None);

        Assert.Equal(CertificateStatus.Revoked, await _registry.GetCertificateStatusAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task RegisterDeviceCertificateAsync_InactiveWithReactivate_ActiveAgain()
    {
        var der = TestCertificates.SelfSignedDer("dev-5");
        var id = await _registry.RegisterCertificateAsync(der, CancellationToken.None);
        await _registry.SetCertificateStatusAsync(id, CertificateStatus.Inactive, CancellationToken.None);

        await _registry.RegisterDeviceCertificateAsync(Registration("dev-5", der, reactivate: true), CancellationToken.None);

        Assert.Equal(CertificateStatus.Active, await _registry.GetCertificateStatusAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task RegisterDeviceCertificateAsync_LastInsertFails_NoRowIsKept()
    {
        // Fail the very last statement (the thing attachment) of one registration.
        using (var connection = _environment.Database.OpenConnection())
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                "CREATE TRIGGER refuse_boom BEFORE INSERT ON thing_principals WHEN new.thing_name = 'boom' " +
                "BEGIN SELECT RAISE(ABORT, 'refused by test'); END;";
            command.ExecuteNonQuery();
        }

        var der = TestCertificates.SelfSignedDer("boom");

        await Assert.ThrowsAsync<SqliteException>(
            () => _registry.RegisterDeviceCertificateAsync(Registration("boom", der), CancellationToken.None));

        Assert.Null(await _registry.GetCertificateStatusAsync(SqliteThingRegistry.CertificateIdOf(der), CancellationToken.None));
        Assert.Null(await _registry.GetThingAsync("boom", CancellationToken.None));
        Assert.Null(await _registry.GetPolicyAsync("product-line", CancellationToken.None));
        Assert.Equal(0, await _registry.ReadLatestStatusChangeSequenceAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("bad name", "product-line", Policy)]
    [InlineData("dev-6", "bad policy", Policy)]
    [InlineData("dev-6", "product-line", "[1]")]
    public async Task RegisterDeviceCertificateAsync_InvalidInput_ThrowsArgumentExceptionAndWritesNothing(string thing, string policy, string document)
    {
        var registration = new DeviceCertificateRegistration(thing, TestCertificates.SelfSignedDer("dev-6"), policy, document, Reactivate: false);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => _registry.RegisterDeviceCertificateAsync(registration, CancellationToken.None));

        Assert.Empty(await _registry.ListCertificatesAsync(null, 10, CancellationToken.None));
    }

    private static DeviceCertificateRegistration Registration(string thing, byte[] der, bool reactivate = false)
        => new(thing, der, "product-line", Policy, reactivate);
}
