namespace Secretless.Aws.Iot;

/// <summary>CreateCertificateFromCsr input: AWS IoT signs the PEM CSR with Amazon's CA.</summary>
public sealed record CreateCertificateFromCsrRequest
{
    public required string CertificateSigningRequest { get; init; }

    public bool? SetAsActive { get; init; }
}
