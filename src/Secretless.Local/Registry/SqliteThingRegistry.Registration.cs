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

        RegistryRows.InsertThing(context, registration.ThingName, row.Now);
        RegistryRows.InsertPolicy(context, registration.PolicyName, registration.PolicyDocument, 1, row.Now, row.Now);
        RegistryRows.AttachPolicy(context, registration.PolicyName, row.CertificateId, row.Now);
        RegistryRows.AttachThing(context, registration.ThingName, row.CertificateId, row.Now);
        return inserted;
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
