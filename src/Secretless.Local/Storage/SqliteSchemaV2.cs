namespace Secretless.Local.Storage;

/// <summary>
/// Schema version 2: a feed of certificate status changes, so a broker in one process sees a
/// <c>certs revoke</c> made by the CLI in another. A trigger writes the feed, so every writer of
/// <c>certificates.status</c> (any build, any process) records the change in the same transaction.
/// </summary>
/// <remarks>
/// AUTOINCREMENT keeps sequences strictly increasing and never reused; SQLite has one writer at a
/// time, so the sequence order is the commit order and a reader polling "after n" misses nothing.
/// No foreign key: a change must stay readable after its certificate is deleted.
/// </remarks>
internal static class SqliteSchemaV2
{
    public const string Sql = """
        CREATE TABLE certificate_status_events (
            sequence       INTEGER PRIMARY KEY AUTOINCREMENT,
            certificate_id TEXT    NOT NULL,
            status         INTEGER NOT NULL,
            changed_at     INTEGER NOT NULL
        );

        CREATE TRIGGER certificates_status_changed AFTER UPDATE OF status ON certificates
        WHEN old.status <> new.status
        BEGIN
            INSERT INTO certificate_status_events (certificate_id, status, changed_at)
            VALUES (new.certificate_id, new.status, new.updated_at);
        END;
        """;
}
