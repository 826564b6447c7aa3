namespace Secretless.Aws.Iot;

/// <summary>RegisterCertificateWithoutCA output.</summary>
public sealed record RegisterCertificateWithoutCAResponse
{
    public string? CertificateArn { get; init; }

    public string? CertificateId { get; init; }
}
