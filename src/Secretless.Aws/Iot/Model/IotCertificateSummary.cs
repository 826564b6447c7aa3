namespace Secretless.Aws.Iot;

/// <summary>AWS IoT's <c>Certificate</c> structure (one row of a certificate listing).</summary>
public sealed record IotCertificateSummary
{
    public string? CertificateArn { get; init; }

    public string? CertificateId { get; init; }

    public string? Status { get; init; }

    public string? CertificateMode { get; init; }

    public DateTimeOffset? CreationDate { get; init; }
}
