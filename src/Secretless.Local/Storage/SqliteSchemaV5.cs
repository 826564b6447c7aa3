namespace Secretless.Local.Storage;

/// <summary>
/// Schema version 5: <c>policy_attachments</c> loses its by-certificate index. Every provisioning
/// inserted one entry into it at a random place (the key is the certificate's SHA-256), so it cost
/// one more B-tree page in the WAL, in the checkpoint and in its fsync per device. Lookups by
/// certificate now walk the few policies and seek the primary key (policy_name, certificate_id)
/// for each (<see cref="Registry.CertificateAttachmentQueries"/>); nothing deletes certificates, so no
/// foreign-key cascade needs the index either. Dropping an index is instant on any ledger size.
/// </summary>
internal static class SqliteSchemaV5
{
    public const string Sql = """
        DROP INDEX IF EXISTS policy_attachments_by_certificate;
        """;
}
