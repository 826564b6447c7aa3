namespace Secretless.Aws.Iot;

/// <summary>AttachThingPrincipal input: <see cref="Principal"/> (a certificate ARN) travels in the <c>x-amzn-principal</c> header.</summary>
public sealed record AttachThingPrincipalRequest
{
    public required string ThingName { get; init; }

    public required string Principal { get; init; }

    public string? ThingPrincipalType { get; init; }
}
