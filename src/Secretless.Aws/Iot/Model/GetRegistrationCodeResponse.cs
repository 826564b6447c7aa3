namespace Secretless.Aws.Iot;

/// <summary>GetRegistrationCode output.</summary>
public sealed record GetRegistrationCodeResponse
{
    public string? RegistrationCode { get; init; }
}
