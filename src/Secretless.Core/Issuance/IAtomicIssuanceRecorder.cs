using Secretless.Core.Registry;

namespace Secretless.Core.Issuance;

/// <summary>
/// Records a certificate the CA just issued, registers it (certificate, thing, policy, both
/// attachments) and completes its ledger record, all in one all-or-nothing write.
/// </summary>
/// <remarks>
/// No Pending record is written before the CA is called on this path (docs/adr/0003): a crash
/// between the CA's answer and this write leaves a certificate that was never recorded, never
/// registered and never delivered, exactly as losing a Pending record would; the device's retry
/// issues again. Racing issuers of the same key (other processes) are ordered by the store: the
/// first write wins and every later one changes nothing and reads the winner's record.
/// </remarks>
public interface IAtomicIssuanceRecorder
{
    /// <summary>
    /// When the record for <paramref name="key"/> is absent or Pending without a certificate:
    /// stores <paramref name="certificate"/>, writes <paramref name="registration"/> (the certificate
    /// ACTIVE) and marks the record Completed. Otherwise writes nothing. Either way returns the
    /// record as it is afterwards.
    /// </summary>
    Task<AtomicIssuanceResult> RecordRegisteredAsync(
        IssuanceKey key,
        IssuedCertificate certificate,
        DeviceCertificateRegistration registration,
        DateTimeOffset now,
        CancellationToken cancellationToken);
}
