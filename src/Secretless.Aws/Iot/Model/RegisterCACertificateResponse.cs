namespace Secretless.Aws.Iot;

/// <summary>RegisterCACertificate output.</summary>
public sealed record RegisterCACertificateResponse
{
    public string? CertificateArn { get; init; }

    public string? CertificateId { get; init; }
}
