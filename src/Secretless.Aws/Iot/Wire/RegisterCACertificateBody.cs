namespace Secretless.Aws.Iot;

/// <summary>The JSON body members of the operation, in the order of the AWS IoT model (the wire order).</summary>
internal sealed record RegisterCACertificateBody
{
    public required string CaCertificate { get; init; }

    public string? VerificationCertificate { get; init; }

    public IotRegistrationConfig? RegistrationConfig { get; init; }

    public IReadOnlyList<IotTag>? Tags { get; init; }

    public string? CertificateMode { get; init; }
}
