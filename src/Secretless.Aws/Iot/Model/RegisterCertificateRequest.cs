namespace Secretless.Aws.Iot;

/// <summary>RegisterCertificate input: a certificate signed by a CA registered in AWS IoT.</summary>
public sealed record RegisterCertificateRequest
{
    public required string CertificatePem { get; init; }

    public string? CaCertificatePem { get; init; }

    public bool? SetAsActive { get; init; }

    public string? Status { get; init; }
}
