namespace Secretless.Core.Issuance;

/// <summary>What <see cref="IAtomicIssuanceRecorder.RecordRegisteredAsync"/> left behind.</summary>
/// <param name="Record">The ledger record after the write (Completed when <paramref name="Registered"/>).</param>
/// <param name="Registered">
/// True when this call's certificate was recorded and registered; false when another issuance of the
/// same key had recorded its certificate first (then <paramref name="Record"/> holds that one).
/// </param>
/// <param name="ThingHadOtherCertificates">
/// True when the thing already had another certificate that is not REVOKED, so rotation has
/// something to retire; false for a first provisioning, which then skips the rotation query.
/// </param>
public sealed record AtomicIssuanceResult(IssuanceRecord Record, bool Registered, bool ThingHadOtherCertificates);
