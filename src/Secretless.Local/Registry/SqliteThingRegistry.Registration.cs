using Secretless.Core.Registry;
using Secretless.Local.Storage;

namespace Secretless.Local.Registry;

/// <summary>
/// A device certificate's whole registration (certificate, thing, policy, both attachments) as
/// one group-committed write: either every row is there afterwards or none of them is.
/// </summary>
public sealed partial class SqliteThingRegistry
{
    // The policy document is the same for every provisioning; parsing it as JSON once is enough.
    private string? _validatedPolicyDocument;

    public async Task<string> RegisterDeviceCertificateAsync(DeviceCertificateRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(registration.CertificateDer);
        RegistryNames.ValidateThingName(registration.ThingName);
        RegistryNames.ValidatePolicyName(registration.PolicyName);
        ValidatePolicyDocumentOnce(registration.PolicyDocument);
        var row = CertificateRow.From(registration.CertificateDer, Now());

        await _database.WriteAsync(context => Register(context, registration, row), cancellationToken);
        return row.CertificateId;
    }

    /// <summary>
    /// Inserts the certificate as ACTIVE unless known; a known one keeps its status, except that
    /// <see cref="DeviceCertificateRegistration.Reactivate"/> makes it ACTIVE again (REVOKED throws,
    /// and the item's savepoint undoes everything it wrote).
    /// </summary>
    private static bool Register(SqliteWriteContext context, DeviceCertificateRegistration registration, CertificateRow row)
    {
        var inserted = InsertCertificate(context, row);
        if (!inserted && registration.Reactivate)
        {
            SetCertificateStatus(context, row.CertificateId, CertificateStatus.Active, row.Now);
        }

        context.Execute(
            "INSERT INTO things (name, created_at) VALUES ($name, $now) ON CONFLICT (name) DO NOTHING;",
            ("$name", registration.ThingName),
            ("$now", row.Now));
        context.Execute(
            "INSERT INTO policies (name, document, version, created_at, updated_at) VALUES ($name, $document, 1, $now, $now) " +
            "ON CONFLICT (name) DO NOTHING;",
            ("$name", registration.PolicyName),
            ("$document", registration.PolicyDocument),
            ("$now", row.Now));
        context.Execute(
            "INSERT INTO policy_attachments (policy_name, certificate_id, created_at) VALUES ($target, $certificate, $now) " +
            "ON CONFLICT (policy_name, certificate_id) DO NOTHING;",
            ("$target", registration.PolicyName),
            ("$certificate", row.CertificateId),
            ("$now", row.Now));
        context.Execute(
            "INSERT INTO thing_principals (thing_name, certificate_id, created_at) VALUES ($target, $certificate, $now) " +
            "ON CONFLICT (thing_name, certificate_id) DO NOTHING;",
            ("$target", registration.ThingName),
            ("$certificate", row.CertificateId),
            ("$now", row.Now));
        return inserted;
    }

    /// <summary>Registers the certificate as ACTIVE when absent; true when it was new.</summary>
    private static bool InsertCertificate(SqliteWriteContext context, CertificateRow row)
        => context.Execute(
            "INSERT INTO certificates (certificate_id, certificate_der, status, subject, issuer, serial, not_after, created_at, updated_at) " +
            "VALUES ($id, $der, $status, $subject, $issuer, $serial, $notAfter, $now, $now) ON CONFLICT (certificate_id) DO NOTHING;",
            ("$id", row.CertificateId),
            ("$der", row.CertificateDer),
            ("$status", (int)CertificateStatus.Active),
            ("$subject", row.Subject),
            ("$issuer", row.Issuer),
            ("$serial", row.Serial),
            ("$notAfter", row.NotAfter),
            ("$now", row.Now)) == 1;

    private void ValidatePolicyDocumentOnce(string policyDocument)
    {
        if (string.Equals(Volatile.Read(ref _validatedPolicyDocument), policyDocument, StringComparison.Ordinal))
        {
            return;
        }

        RegistryNames.ValidatePolicyDocument(policyDocument);
        Volatile.Write(ref _validatedPolicyDocument, policyDocument);
    }
}
