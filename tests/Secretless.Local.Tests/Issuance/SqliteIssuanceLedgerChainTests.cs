using System.Globalization;
using Microsoft.Data.Sqlite;
using Secretless.Core.Issuance;
using Secretless.Local.Issuance;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Issuance;

/// <summary>Schema version 4: an issuer's chain is stored once and read back with every record it issued.</summary>
public sealed class SqliteIssuanceLedgerChainTests : IDisposable
{
    private static readonly byte[][] ChainA = [[0x30, 0x03, 0x02, 0x01, 0x01], [0x30, 0x03, 0x02, 0x01, 0x02]];
    private static readonly byte[][] ChainB = [[0x30, 0x03, 0x02, 0x01, 0x03], [0x30, 0x03, 0x02, 0x01, 0x02]];

    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteIssuanceLedger _ledger;

    public SqliteIssuanceLedgerChainTests()
    {
        _ledger = new SqliteIssuanceLedger(_environment.Database);
    }

    public void Dispose()
    {
        _environment.Database.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task RecordIssuedAsync_ManyRecordsOfTwoIssuers_EachChainStoredOnceAndReadBackPerRecord()
    {
        for (var i = 0; i < 10; i++)
        {
            var key = KeyOf(i);
            await _ledger.BeginAsync(key, _environment.Time.Now, CancellationToken.None);
            await _ledger.RecordIssuedAsync(key, Issued(i % 2 == 0 ? ChainA : ChainB), CancellationToken.None);
        }

        Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM issuer_chains;"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM issuances WHERE chain_der IS NOT NULL;"));
        for (var i = 0; i < 10; i++)
        {
            var record = await _ledger.FindAsync(KeyOf(i), CancellationToken.None);
            Assert.Equal(i % 2 == 0 ? ChainA : ChainB, record!.Certificate!.ChainDer);
        }
    }

    [Fact]
    public async Task FindAsync_RecordWrittenBeforeVersion4_ReadsItsInlineChain()
    {
        // The shape a version 3 database left: chain inline, no reference.
        await using (var connection = new SqliteConnection($"Data Source={_environment.Database.FilePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText =
                "INSERT INTO issuances (device_id, csr_sha256, state, certificate_der, chain_der, serial, not_after, authority_ref, certificate_id, created_at, completed_at) " +
                "VALUES ('old-1', $csr, 2, x'3000', $chain, '0a', 0, 'local:old', 'cert-old', 0, 0);";
            insert.Parameters.AddWithValue("$csr", KeyOf(99).CsrSha256Hex);
            insert.Parameters.AddWithValue("$chain", ConcatenatedDer.Join(ChainB));
            await insert.ExecuteNonQueryAsync();
        }

        var record = await _ledger.FindAsync(new IssuanceKey("old-1", KeyOf(99).CsrSha256Hex), CancellationToken.None);

        Assert.Equal(IssuanceState.Completed, record!.State);
        Assert.Equal(ChainB, record.Certificate!.ChainDer);
        Assert.Equal("cert-old", record.CertificateId);
    }

    [Fact]
    public async Task ReopenAsync_CompletedRecord_ClearsTheChainReferenceButKeepsTheSharedChain()
    {
        var key = KeyOf(5);
        await _ledger.BeginAsync(key, _environment.Time.Now, CancellationToken.None);
        await _ledger.RecordIssuedAsync(key, Issued(ChainA), CancellationToken.None);
        await _ledger.CompleteAsync(key, "cert-5", _environment.Time.Now, CancellationToken.None);

        Assert.True(await _ledger.ReopenAsync(key, "cert-5", CancellationToken.None));

        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM issuances WHERE chain_sha256 IS NOT NULL;"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM issuer_chains;"));
        Assert.Null((await _ledger.FindAsync(key, CancellationToken.None))!.Certificate);
    }

    private static IssuanceKey KeyOf(int n) => new($"dev-{n}", n.ToString("x64", CultureInfo.InvariantCulture));

    private IssuedCertificate Issued(byte[][] chain)
        => new([0x30, 0x00], chain, "01", _environment.Time.Now.AddDays(30), "local:test:01");

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_environment.Database.FilePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
