namespace Secretless.Aws.Iot;

/// <summary>AWS IoT's <c>RegistrationConfig</c> (just-in-time registration template).</summary>
public sealed record IotRegistrationConfig
{
    public string? TemplateBody { get; init; }

    public string? RoleArn { get; init; }

    public string? TemplateName { get; init; }
}
