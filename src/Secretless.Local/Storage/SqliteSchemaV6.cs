namespace Secretless.Local.Storage;

/// <summary>
/// Schema version 6: attachments no longer add a feed entry by trigger. A registration inserted
/// the certificate and attached its thing and policy in one transaction, and the triggers wrote
/// three entries for it where one says everything: a replicator reads the whole certificate (things
/// and policies included) when it handles an entry, and the registration's entry is committed with
/// its attachments. An attachment to a certificate registered earlier still adds its own entry,
/// written by the code that attaches (<see cref="Registry.RegistryRows"/>, <c>announce</c>).
/// </summary>
internal static class SqliteSchemaV6
{
    public const string Sql = """
        DROP TRIGGER IF EXISTS thing_principals_attached;
        DROP TRIGGER IF EXISTS policy_attachments_attached;
        """;
}
