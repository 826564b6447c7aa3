namespace Secretless.Aws.Iot;

/// <summary>CreateThing output.</summary>
public sealed record CreateThingResponse
{
    public string? ThingName { get; init; }

    public string? ThingArn { get; init; }

    public string? ThingId { get; init; }
}
