namespace Secretless.Aws.Iot;

/// <summary>DeleteCertificate input.</summary>
public sealed record DeleteCertificateRequest
{
    public required string CertificateId { get; init; }

    public bool? ForceDelete { get; init; }
}
