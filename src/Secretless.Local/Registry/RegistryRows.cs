using Secretless.Core.Registry;
using Secretless.Local.Storage;

namespace Secretless.Local.Registry;

/// <summary>
/// The registry's insert-if-absent statements, in one place for the AWS-shaped granular calls, the
/// one-step device registration and replication (which brings its own status and timestamps).
/// Each returns the rows it inserted: 0 when the row was there already.
/// </summary>
internal static class RegistryRows
{
    /// <summary>The certificate with <paramref name="status"/>, created at <see cref="CertificateRow.Now"/>.</summary>
    public static int InsertCertificate(SqliteWriteContext context, CertificateRow row, CertificateStatus status, long updatedAt)
        => context.Execute(
            "INSERT INTO certificates (certificate_id, certificate_der, status, subject, issuer, serial, not_after, created_at, updated_at) " +
            "VALUES ($id, $der, $status, $subject, $issuer, $serial, $notAfter, $createdAt, $updatedAt) ON CONFLICT (certificate_id) DO NOTHING;",
            ("$id", row.CertificateId),
            ("$der", row.CertificateDer),
            ("$status", (int)status),
            ("$subject", row.Subject),
            ("$issuer", row.Issuer),
            ("$serial", row.Serial),
            ("$notAfter", row.NotAfter),
            ("$createdAt", row.Now),
            ("$updatedAt", updatedAt));

    public static int InsertThing(SqliteWriteContext context, string thingName, long createdAt)
        => context.Execute(
            "INSERT INTO things (name, created_at) VALUES ($name, $createdAt) ON CONFLICT (name) DO NOTHING;",
            ("$name", thingName),
            ("$createdAt", createdAt));

    /// <summary>An existing policy keeps its document and version (as AWS IoT's CreatePolicy never overwrites).</summary>
    public static int InsertPolicy(SqliteWriteContext context, string policyName, string document, int version, long createdAt, long updatedAt)
        => context.Execute(
            "INSERT INTO policies (name, document, version, created_at, updated_at) VALUES ($name, $document, $version, $createdAt, $updatedAt) " +
            "ON CONFLICT (name) DO NOTHING;",
            ("$name", policyName),
            ("$document", document),
            ("$version", version),
            ("$createdAt", createdAt),
            ("$updatedAt", updatedAt));

    /// <summary>
    /// Attaches the policy; with <paramref name="announce"/> a new attachment also adds a feed
    /// entry (pass false only when the certificate was inserted in the same write: its own entry
    /// covers the attachment).
    /// </summary>
    public static int AttachPolicy(SqliteWriteContext context, string policyName, string certificateId, long createdAt, bool announce)
        => Announce(
            context,
            context.Execute(
                "INSERT INTO policy_attachments (policy_name, certificate_key, created_at) " +
                "SELECT $target, certificate_key, $createdAt FROM certificates WHERE certificate_id = $certificate " +
                "ON CONFLICT (policy_name, certificate_key) DO NOTHING;",
                ("$target", policyName),
                ("$certificate", certificateId),
                ("$createdAt", createdAt)),
            certificateId,
            createdAt,
            announce);

    /// <summary>Attaches the thing; <paramref name="announce"/> as for <see cref="AttachPolicy"/>.</summary>
    public static int AttachThing(SqliteWriteContext context, string thingName, string certificateId, long createdAt, bool announce)
        => Announce(
            context,
            context.Execute(
                "INSERT INTO thing_principals (thing_name, certificate_key, created_at) " +
                "SELECT $target, certificate_key, $createdAt FROM certificates WHERE certificate_id = $certificate " +
                "ON CONFLICT (thing_name, certificate_key) DO NOTHING;",
                ("$target", thingName),
                ("$certificate", certificateId),
                ("$createdAt", createdAt)),
            certificateId,
            createdAt,
            announce);

    // The entry the schema-3 triggers wrote: the certificate with its current status.
    private static int Announce(SqliteWriteContext context, int attached, string certificateId, long createdAt, bool announce)
    {
        if (attached == 1 && announce)
        {
            context.Execute(
                "INSERT INTO certificate_status_events (certificate_id, status, changed_at) " +
                "SELECT certificate_id, status, $createdAt FROM certificates WHERE certificate_id = $certificate;",
                ("$certificate", certificateId),
                ("$createdAt", createdAt));
        }

        return attached;
    }
}
