namespace Secretless.Core.Provisioning;

/// <summary>
/// What one resume sweep did: Issued records registered and completed, Pending records older than
/// the threshold (left for the device's retry to re-issue), and records whose resume failed.
/// </summary>
public sealed record IssuanceResumeSummary(int Resumed, int StalePending, int Failed);
