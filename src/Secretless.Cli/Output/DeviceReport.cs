namespace Secretless.Cli.Output;

/// <summary>One registered device as <c>devices list/show --json</c> print it.</summary>
public sealed record DeviceReport(
    string DeviceId,
    string KeyAlgorithm,
    string Status,
    string PublicKeySha256,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? PublicKeyPem,
    IReadOnlyList<DeviceCertificateReport>? Certificates);
