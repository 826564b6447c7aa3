namespace Secretless.Cli.Output;

/// <summary>
/// <c>ca rotate --to ARN --json</c> on the ACM PCA issuer: ids are CA ARNs; <c>nextStep</c> is the
/// configuration change that switches the issuer; <c>configUpdated</c> lists the keys rewritten in
/// the <c>--config</c> file (empty without one).
/// </summary>
public sealed record CaAwsRotateReport(
    string PreviousIssuerId,
    string ActiveIssuerId,
    string Subject,
    string IotCaCertificateId,
    bool AlreadyRegistered,
    string NextStep,
    IReadOnlyList<string> ConfigUpdated);
