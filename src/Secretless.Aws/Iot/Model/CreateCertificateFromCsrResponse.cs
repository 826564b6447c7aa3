namespace Secretless.Aws.Iot;

/// <summary>CreateCertificateFromCsr output.</summary>
public sealed record CreateCertificateFromCsrResponse
{
    public string? CertificateArn { get; init; }

    public string? CertificateId { get; init; }

    public string? CertificatePem { get; init; }
}
