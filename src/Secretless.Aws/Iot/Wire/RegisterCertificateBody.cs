namespace Secretless.Aws.Iot;

/// <summary>The JSON body members of the operation, in the order of the AWS IoT model (the wire order).</summary>
internal sealed record RegisterCertificateBody
{
    public required string CertificatePem { get; init; }

    public string? CaCertificatePem { get; init; }

    public string? Status { get; init; }
}
