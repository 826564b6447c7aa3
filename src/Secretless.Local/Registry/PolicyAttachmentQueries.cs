namespace Secretless.Local.Registry;

/// <summary>
/// The policies attached to one certificate (parameter <c>$id</c>). There is no index by
/// certificate (schema version 5): CROSS JOIN makes SQLite walk the few policies in name order and
/// seek the attachment's primary key (policy_name, certificate_id) for each, whatever statistics
/// the planner has, instead of scanning every attachment.
/// </summary>
internal static class PolicyAttachmentQueries
{
    /// <summary>Name, document, version, created_at, updated_at of each attached policy, by name.</summary>
    public const string PoliciesOfCertificate =
        "SELECT p.name, p.document, p.version, p.created_at, p.updated_at FROM policies p " +
        "CROSS JOIN policy_attachments a ON a.policy_name = p.name AND a.certificate_id = $id ORDER BY p.name;";

    /// <summary>The names of the attached policies, in order.</summary>
    public const string PolicyNamesOfCertificate =
        "SELECT p.name FROM policies p " +
        "CROSS JOIN policy_attachments a ON a.policy_name = p.name AND a.certificate_id = $id ORDER BY p.name;";
}
