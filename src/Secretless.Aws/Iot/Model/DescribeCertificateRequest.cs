namespace Secretless.Aws.Iot;

/// <summary>DescribeCertificate input.</summary>
public sealed record DescribeCertificateRequest
{
    public required string CertificateId { get; init; }
}
