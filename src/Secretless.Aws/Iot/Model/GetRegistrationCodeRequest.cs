namespace Secretless.Aws.Iot;

/// <summary>GetRegistrationCode input (none).</summary>
public sealed record GetRegistrationCodeRequest;
