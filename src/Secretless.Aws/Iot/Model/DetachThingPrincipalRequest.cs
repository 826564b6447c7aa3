namespace Secretless.Aws.Iot;

/// <summary>DetachThingPrincipal input.</summary>
public sealed record DetachThingPrincipalRequest
{
    public required string ThingName { get; init; }

    public required string Principal { get; init; }
}
