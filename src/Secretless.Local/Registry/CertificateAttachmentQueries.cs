namespace Secretless.Local.Registry;

/// <summary>
/// What is attached to one certificate (parameter <c>$id</c>, the certificate id). Attachments name
/// the certificate by its <c>certificate_key</c> (schema version 7), so each query first seeks the
/// certificate id's unique index for the key. There is no policy-attachment index by certificate
/// (schema version 5): CROSS JOIN makes SQLite walk the few policies in name order and seek the
/// attachment's primary key (policy_name, certificate_key) for each, whatever statistics the
/// planner has, instead of scanning every attachment.
/// </summary>
internal static class CertificateAttachmentQueries
{
    /// <summary>Name, document, version, created_at, updated_at of each attached policy, by name.</summary>
    public const string PoliciesOfCertificate =
        "SELECT p.name, p.document, p.version, p.created_at, p.updated_at FROM certificates c CROSS JOIN policies p " +
        "CROSS JOIN policy_attachments a ON a.policy_name = p.name AND a.certificate_key = c.certificate_key " +
        "WHERE c.certificate_id = $id ORDER BY p.name;";

    /// <summary>The names of the attached policies, in order.</summary>
    public const string PolicyNamesOfCertificate =
        "SELECT p.name FROM certificates c CROSS JOIN policies p " +
        "CROSS JOIN policy_attachments a ON a.policy_name = p.name AND a.certificate_key = c.certificate_key " +
        "WHERE c.certificate_id = $id ORDER BY p.name;";

    /// <summary>The names of the attached things, in order (through <c>thing_principals_by_certificate</c>).</summary>
    public const string ThingsOfCertificate =
        "SELECT p.thing_name FROM certificates c JOIN thing_principals p ON p.certificate_key = c.certificate_key " +
        "WHERE c.certificate_id = $id ORDER BY p.thing_name;";
}
