namespace Secretless.Aws.Iot;

/// <summary>RegisterCACertificate input.</summary>
public sealed record RegisterCACertificateRequest
{
    public required string CaCertificate { get; init; }

    public string? VerificationCertificate { get; init; }

    public bool? SetAsActive { get; init; }

    public bool? AllowAutoRegistration { get; init; }

    public IotRegistrationConfig? RegistrationConfig { get; init; }

    public IReadOnlyList<IotTag>? Tags { get; init; }

    public string? CertificateMode { get; init; }
}
