namespace Secretless.Aws.Iot;

/// <summary>UpdateCACertificate input.</summary>
public sealed record UpdateCACertificateRequest
{
    public required string CertificateId { get; init; }

    public string? NewStatus { get; init; }

    public string? NewAutoRegistrationStatus { get; init; }

    public IotRegistrationConfig? RegistrationConfig { get; init; }

    public bool? RemoveAutoRegistration { get; init; }
}
