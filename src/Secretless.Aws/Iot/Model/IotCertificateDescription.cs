namespace Secretless.Aws.Iot;

/// <summary>AWS IoT's <c>CertificateDescription</c> structure.</summary>
public sealed record IotCertificateDescription
{
    public string? CertificateArn { get; init; }

    public string? CertificateId { get; init; }

    public string? CaCertificateId { get; init; }

    public string? Status { get; init; }

    public string? CertificatePem { get; init; }

    public string? OwnedBy { get; init; }

    public string? PreviousOwnedBy { get; init; }

    public DateTimeOffset? CreationDate { get; init; }

    public DateTimeOffset? LastModifiedDate { get; init; }

    public int? CustomerVersion { get; init; }

    public IotTransferData? TransferData { get; init; }

    public string? GenerationId { get; init; }

    public IotCertificateValidity? Validity { get; init; }

    public string? CertificateMode { get; init; }
}
