namespace Secretless.Aws.Iot;

/// <summary>The JSON body members of the operation, in the order of the AWS IoT model (the wire order).</summary>
internal sealed record UpdateCACertificateBody
{
    public IotRegistrationConfig? RegistrationConfig { get; init; }

    public bool? RemoveAutoRegistration { get; init; }
}
