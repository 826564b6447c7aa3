namespace Secretless.Aws.Iot;

/// <summary>RegisterCertificate output.</summary>
public sealed record RegisterCertificateResponse
{
    public string? CertificateArn { get; init; }

    public string? CertificateId { get; init; }
}
