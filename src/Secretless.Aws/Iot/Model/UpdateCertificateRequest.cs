namespace Secretless.Aws.Iot;

/// <summary>UpdateCertificate input: <c>ACTIVE</c>, <c>INACTIVE</c> or <c>REVOKED</c> (final).</summary>
public sealed record UpdateCertificateRequest
{
    public required string CertificateId { get; init; }

    public required string NewStatus { get; init; }
}
