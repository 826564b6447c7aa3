namespace Secretless.Aws.Iot;

/// <summary>RegisterCertificateWithoutCA input: a certificate whose CA is not registered (SNI_ONLY, multi-account).</summary>
public sealed record RegisterCertificateWithoutCARequest
{
    public required string CertificatePem { get; init; }

    public string? Status { get; init; }
}
