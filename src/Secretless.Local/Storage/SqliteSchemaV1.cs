namespace Secretless.Local.Storage;

/// <summary>
/// Schema version 1. Timestamps are Unix milliseconds (UTC); keys and certificates are DER BLOBs.
/// </summary>
internal static class SqliteSchemaV1
{
    public const string Sql = """
        CREATE TABLE devices (
            device_id     TEXT    NOT NULL PRIMARY KEY,
            public_key    BLOB    NOT NULL,
            key_algorithm INTEGER NOT NULL,
            status        INTEGER NOT NULL,
            created_at    INTEGER NOT NULL,
            updated_at    INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE issuances (
            device_id       TEXT    NOT NULL,
            csr_sha256      TEXT    NOT NULL,
            state           INTEGER NOT NULL,
            certificate_der BLOB,
            chain_der       BLOB,
            serial          TEXT,
            not_after       INTEGER,
            authority_ref   TEXT,
            certificate_id  TEXT,
            created_at      INTEGER NOT NULL,
            completed_at    INTEGER,
            PRIMARY KEY (device_id, csr_sha256)
        );
        CREATE INDEX issuances_incomplete ON issuances (created_at) WHERE state <> 2;

        CREATE TABLE certificates (
            certificate_id  TEXT    NOT NULL PRIMARY KEY,
            certificate_der BLOB    NOT NULL,
            status          INTEGER NOT NULL,
            subject         TEXT    NOT NULL,
            issuer          TEXT    NOT NULL,
            serial          TEXT    NOT NULL,
            not_after       INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL
        );

        CREATE TABLE things (
            name       TEXT    NOT NULL PRIMARY KEY,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE policies (
            name       TEXT    NOT NULL PRIMARY KEY,
            document   TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );

        CREATE TABLE policy_attachments (
            policy_name    TEXT    NOT NULL REFERENCES policies (name) ON DELETE CASCADE,
            certificate_id TEXT    NOT NULL REFERENCES certificates (certificate_id) ON DELETE CASCADE,
            created_at     INTEGER NOT NULL,
            PRIMARY KEY (policy_name, certificate_id)
        ) WITHOUT ROWID;
        CREATE INDEX policy_attachments_by_certificate ON policy_attachments (certificate_id);

        CREATE TABLE thing_principals (
            thing_name     TEXT    NOT NULL REFERENCES things (name) ON DELETE CASCADE,
            certificate_id TEXT    NOT NULL REFERENCES certificates (certificate_id) ON DELETE CASCADE,
            created_at     INTEGER NOT NULL,
            PRIMARY KEY (thing_name, certificate_id)
        ) WITHOUT ROWID;
        CREATE INDEX thing_principals_by_certificate ON thing_principals (certificate_id);
        """;
}
