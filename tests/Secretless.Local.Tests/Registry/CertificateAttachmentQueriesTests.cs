using Microsoft.Data.Sqlite;
using Secretless.Local.Registry;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Registry;

/// <summary>
/// Lookups by certificate: policies without a by-certificate index (schema version 5), both through
/// the certificate's key (schema version 7); still exact, and seeks rather than scans of every attachment.
/// </summary>
public sealed class CertificateAttachmentQueriesTests : IDisposable
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""";

    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteThingRegistry _registry;

    public CertificateAttachmentQueriesTests()
    {
        _registry = new SqliteThingRegistry(_environment.Database, new LocalStackOptions(), _environment.Time);
    }

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task Lookups_CertificatesWithDifferentPolicies_EachGetsExactlyItsOwnInNameOrder()
    {
        var first = await _registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer("dev-1"), CancellationToken.None);
        var second = await _registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer("dev-2"), CancellationToken.None);
        var bare = await _registry.RegisterCertificateAsync(TestCertificates.SelfSignedDer("dev-3"), CancellationToken.None);
        foreach (var name in new[] { "zeta-line", "alpha-line", "mid-line" })
        {
            await _registry.EnsurePolicyAsync(name, Policy, CancellationToken.None);
        }

        await _registry.AttachPolicyAsync("zeta-line", first, CancellationToken.None);
        await _registry.AttachPolicyAsync("alpha-line", first, CancellationToken.None);
        await _registry.AttachPolicyAsync("mid-line", second, CancellationToken.None);

        Assert.Equal(["alpha-line", "zeta-line"], (await _registry.GetCertificateAsync(first, CancellationToken.None))!.PolicyNames);
        Assert.Equal(["mid-line"], (await _registry.GetCertificateAsync(second, CancellationToken.None))!.PolicyNames);
        Assert.Empty((await _registry.GetCertificateAsync(bare, CancellationToken.None))!.PolicyNames);
        Assert.Equal(["alpha-line", "zeta-line"], (await _registry.FindPrincipalAsync(first, CancellationToken.None))!.Policies.Select(p => p.Name));
        Assert.Empty((await _registry.FindPrincipalAsync(bare, CancellationToken.None))!.Policies);
    }

    [Theory]
    [InlineData(CertificateAttachmentQueries.PoliciesOfCertificate, "SEARCH a USING PRIMARY KEY (policy_name=? AND certificate_key=?)", "SCAN a")]
    [InlineData(CertificateAttachmentQueries.PolicyNamesOfCertificate, "SEARCH a USING PRIMARY KEY (policy_name=? AND certificate_key=?)", "SCAN a")]
    [InlineData(CertificateAttachmentQueries.ThingsOfCertificate, "SEARCH p USING COVERING INDEX thing_principals_by_certificate (certificate_key=?)", "SCAN p")]
    public void Plan_ByCertificate_SeeksTheCertificateThenTheAttachmentsWithoutScanning(string sql, string attachmentSeek, string attachmentScan)
    {
        using var connection = _environment.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Parameters.AddWithValue("$id", new string('a', 64));
        var steps = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                steps.Add(reader.GetString(3));
            }
        }

        Assert.Contains(steps, step => step.StartsWith("SEARCH c USING COVERING INDEX certificates_by_id (certificate_id=?)", StringComparison.Ordinal));
        Assert.Contains(steps, step => step.StartsWith(attachmentSeek, StringComparison.Ordinal));
        Assert.DoesNotContain(steps, step => step.StartsWith(attachmentScan, StringComparison.Ordinal) || step.StartsWith("SCAN c", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_Latest_HasNoByCertificateAttachmentIndex()
    {
        using var connection = _environment.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'policy_attachments' AND sql IS NOT NULL;";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }
}
