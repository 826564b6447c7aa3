namespace Secretless.Local.Storage;

/// <summary>
/// Schema version 4: the issuing CA's chain is stored once per chain instead of with every ledger
/// record (it was about 1.1 KB of each 1.8 KB record). Records written before keep their inline
/// <c>chain_der</c>; new ones reference <c>issuer_chains</c> by the SHA-256 of the joined DER.
/// No table is rewritten, so the upgrade of a large ledger is instant.
/// </summary>
internal static class SqliteSchemaV4
{
    public const string Sql = """
        CREATE TABLE issuer_chains (
            chain_sha256 TEXT NOT NULL PRIMARY KEY,
            chain_der    BLOB NOT NULL
        ) WITHOUT ROWID;

        ALTER TABLE issuances ADD COLUMN chain_sha256 TEXT REFERENCES issuer_chains (chain_sha256);
        """;
}
