namespace Secretless.Local.Storage;

/// <summary>
/// Schema version 3: embedded multi-region replication (<c>serve --regions</c>). Registrations and
/// attachments join the status feed, so one feed tells a replicator everything a region learned;
/// <c>origin</c> marks entries a replicator wrote (the region they came from) so they are never
/// replicated again; <c>replication_cursors</c> holds, in the target's own file, how far each
/// source region's feed has been applied.
/// </summary>
/// <remarks>
/// The new entries carry the certificate's current status: a reader that reacts only to
/// non-ACTIVE entries (the broker closing sessions) sees nothing new for an ACTIVE registration,
/// and a repeated "revoked" for a revoked certificate changes nothing. Inserts that hit
/// <c>ON CONFLICT DO NOTHING</c> fire no trigger, which keeps re-applied replication finite.
/// </remarks>
internal static class SqliteSchemaV3
{
    public const string Sql = """
        ALTER TABLE certificate_status_events ADD COLUMN origin TEXT;

        CREATE TRIGGER certificates_registered AFTER INSERT ON certificates
        BEGIN
            INSERT INTO certificate_status_events (certificate_id, status, changed_at)
            VALUES (new.certificate_id, new.status, new.updated_at);
        END;

        CREATE TRIGGER thing_principals_attached AFTER INSERT ON thing_principals
        BEGIN
            INSERT INTO certificate_status_events (certificate_id, status, changed_at)
            SELECT certificate_id, status, new.created_at FROM certificates WHERE certificate_id = new.certificate_id;
        END;

        CREATE TRIGGER policy_attachments_attached AFTER INSERT ON policy_attachments
        BEGIN
            INSERT INTO certificate_status_events (certificate_id, status, changed_at)
            SELECT certificate_id, status, new.created_at FROM certificates WHERE certificate_id = new.certificate_id;
        END;

        CREATE TABLE replication_cursors (
            source   TEXT    NOT NULL PRIMARY KEY,
            sequence INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;
}
