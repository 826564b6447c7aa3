namespace Secretless.Local.Storage;

/// <summary>
/// Schema version 7: attachments refer to a certificate by its row number, not by its id. The id
/// is a SHA-256, so every index keyed by it takes each new registration at a random place: one more
/// B-tree page in the WAL, in the checkpoint and in its fsync per provisioning. The new
/// <c>certificate_key</c> (an INTEGER PRIMARY KEY, the old row id, so it survives VACUUM) only
/// grows, so <c>thing_principals_by_certificate</c> and <c>policy_attachments</c>' primary key now
/// append; the certificate id keeps its own unique index, the one random page left per registration.
/// </summary>
/// <remarks>
/// SQLite cannot add a primary key to a table, so the three tables are rebuilt, once: about 40 s
/// per million certificates on the benchmark machine, mostly copying and freeing pages. To keep it
/// there, the id's unique index is built after the copy (sorted, not a million random
/// inserts) and the attachments are inserted in key order. The children are dropped before their
/// parent, because with foreign keys on (they cannot be switched off inside the migration's
/// transaction) dropping a parent that still has children would cascade. Renaming the new tables
/// also renames their REFERENCES clauses; the triggers of <c>certificates</c> went with the old
/// table and are created again unchanged.
/// </remarks>
internal static class SqliteSchemaV7
{
    public const string Sql = """
        CREATE TABLE certificates_v7 (
            certificate_key INTEGER PRIMARY KEY,
            certificate_id  TEXT    NOT NULL,
            certificate_der BLOB    NOT NULL,
            status          INTEGER NOT NULL,
            subject         TEXT    NOT NULL,
            issuer          TEXT    NOT NULL,
            serial          TEXT    NOT NULL,
            not_after       INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL
        );
        INSERT INTO certificates_v7 (certificate_key, certificate_id, certificate_der, status, subject, issuer, serial, not_after, created_at, updated_at)
        SELECT rowid, certificate_id, certificate_der, status, subject, issuer, serial, not_after, created_at, updated_at
        FROM certificates ORDER BY rowid;
        CREATE UNIQUE INDEX certificates_by_id ON certificates_v7 (certificate_id);

        CREATE TABLE policy_attachments_v7 (
            policy_name     TEXT    NOT NULL REFERENCES policies (name) ON DELETE CASCADE,
            certificate_key INTEGER NOT NULL REFERENCES certificates_v7 (certificate_key) ON DELETE CASCADE,
            created_at      INTEGER NOT NULL,
            PRIMARY KEY (policy_name, certificate_key)
        ) WITHOUT ROWID;
        INSERT INTO policy_attachments_v7 (policy_name, certificate_key, created_at)
        SELECT a.policy_name, c.certificate_key, a.created_at
        FROM policy_attachments a JOIN certificates_v7 c ON c.certificate_id = a.certificate_id
        ORDER BY a.policy_name, c.certificate_key;

        CREATE TABLE thing_principals_v7 (
            thing_name      TEXT    NOT NULL REFERENCES things (name) ON DELETE CASCADE,
            certificate_key INTEGER NOT NULL REFERENCES certificates_v7 (certificate_key) ON DELETE CASCADE,
            created_at      INTEGER NOT NULL,
            PRIMARY KEY (thing_name, certificate_key)
        ) WITHOUT ROWID;
        INSERT INTO thing_principals_v7 (thing_name, certificate_key, created_at)
        SELECT p.thing_name, c.certificate_key, p.created_at
        FROM thing_principals p JOIN certificates_v7 c ON c.certificate_id = p.certificate_id
        ORDER BY p.thing_name, c.certificate_key;

        DROP TABLE thing_principals;
        DROP TABLE policy_attachments;
        DROP TABLE certificates;
        ALTER TABLE certificates_v7 RENAME TO certificates;
        ALTER TABLE policy_attachments_v7 RENAME TO policy_attachments;
        ALTER TABLE thing_principals_v7 RENAME TO thing_principals;
        CREATE INDEX thing_principals_by_certificate ON thing_principals (certificate_key);

        CREATE TRIGGER certificates_status_changed AFTER UPDATE OF status ON certificates
        WHEN old.status <> new.status
        BEGIN
            INSERT INTO certificate_status_events (certificate_id, status, changed_at)
            VALUES (new.certificate_id, new.status, new.updated_at);
        END;

        CREATE TRIGGER certificates_registered AFTER INSERT ON certificates
        BEGIN
            INSERT INTO certificate_status_events (certificate_id, status, changed_at)
            VALUES (new.certificate_id, new.status, new.updated_at);
        END;
        """;
}
