namespace Secretless.Core.Issuance;

/// <summary>
/// Durable record of each issuance, keyed by device id + CSR hash. An issuance is recorded
/// before the CA is called and completed after registration, so a retry of the same CSR returns
/// the one certificate and a crash in between can be resumed.
/// </summary>
public interface IIssuanceLedger
{
    /// <summary>Returns the record for the key, creating it in state Pending when absent.</summary>
    Task<IssuanceRecord> BeginAsync(IssuanceKey key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores the certificate the CA returned (Pending → Issued).</summary>
    Task RecordIssuedAsync(IssuanceKey key, IssuedCertificate certificate, CancellationToken cancellationToken);

    /// <summary>Marks the issuance delivered to the registry (Issued → Completed).</summary>
    Task CompleteAsync(IssuanceKey key, string certificateId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-set Completed(<paramref name="expectedCertificateId"/>) → Pending without a
    /// certificate, so the same CSR is issued again (its certificate was revoked or deactivated).
    /// Returns false when the record is in any other state or names another certificate: another
    /// caller reopened it first, or already completed a newer issuance.
    /// </summary>
    Task<bool> ReopenAsync(IssuanceKey key, string expectedCertificateId, CancellationToken cancellationToken);

    /// <summary>Returns the record, or null.</summary>
    Task<IssuanceRecord?> FindAsync(IssuanceKey key, CancellationToken cancellationToken);

    /// <summary>Records not yet completed, oldest first (for resume at start-up).</summary>
    Task<IReadOnlyList<IssuanceRecord>> ListIncompleteAsync(int limit, CancellationToken cancellationToken);
}
