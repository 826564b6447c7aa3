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
        var row = PrepareRegistration(registration);
        await _database.WriteAsync(context => Register(context, registration, row), cancellationToken);
        return row.CertificateId;
    }

    /// <summary>True when this registry writes through <paramref name="database"/> (the ledger's one-step recording needs one store).</summary>
    internal bool Uses(SqliteDatabase database) => ReferenceEquals(_database, database);

    /// <summary>Validates a registration and reads its certificate's columns, before any write item runs.</summary>
    internal CertificateRow PrepareRegistration(DeviceCertificateRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(registration.CertificateDer);
        RegistryNames.ValidateThingName(registration.ThingName);
        RegistryNames.ValidatePolicyName(registration.PolicyName);
        ValidatePolicyDocumentOnce(registration.PolicyDocument);
        return CertificateRow.From(registration.CertificateDer, Now());
    }

    /// <summary>
    /// Inserts the certificate as ACTIVE unless known; a known one keeps its status, except that
    /// <see cref="DeviceCertificateRegistration.Reactivate"/> makes it ACTIVE again (REVOKED throws,
    /// and the item's savepoint undoes everything it wrote).
    /// </summary>
    internal static bool Register(SqliteWriteContext context, DeviceCertificateRegistration registration, CertificateRow row)
    {
        var inserted = InsertCertificate(context, row);
        if (!inserted && registration.Reactivate)
        {
            SetCertificateStatus(context, row.CertificateId, CertificateStatus.Active, row.Now);
        }

        RegistryRows.InsertThing(context, registration.ThingName, row.Now);
        RegistryRows.InsertPolicy(context, registration.PolicyName, registration.PolicyDocument, 1, row.Now, row.Now);
        // A certificate new in this write has its feed entry already (the insert's trigger).
        RegistryRows.AttachPolicy(context, registration.PolicyName, row.CertificateId, row.Now, announce: !inserted);
        RegistryRows.AttachThing(context, registration.ThingName, row.CertificateId, row.Now, announce: !inserted);
        return inserted;
    }

    /// <summary>
    /// True when the thing has a certificate other than <paramref name="certificateId"/> that is not
    /// REVOKED: only then can a new certificate supersede anything.
    /// </summary>
    internal static bool HasOtherUnrevokedCertificate(SqliteWriteContext context, string thingName, string certificateId)
    {
        var command = context.Command(
            "SELECT EXISTS (SELECT 1 FROM thing_principals p JOIN certificates c ON c.certificate_key = p.certificate_key " +
            "WHERE p.thing_name = $name AND c.certificate_id <> $id AND c.status <> $revoked);");
        command.Parameters.AddWithValue("$name", thingName);
        command.Parameters.AddWithValue("$id", certificateId);
        command.Parameters.AddWithValue("$revoked", (int)CertificateStatus.Revoked);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>Registers the certificate as ACTIVE when absent; true when it was new.</summary>
    private static bool InsertCertificate(SqliteWriteContext context, CertificateRow row)
        => RegistryRows.InsertCertificate(context, row, CertificateStatus.Active, row.Now) == 1;

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
