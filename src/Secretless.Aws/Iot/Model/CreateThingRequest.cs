namespace Secretless.Aws.Iot;

/// <summary>CreateThing input.</summary>
public sealed record CreateThingRequest
{
    public required string ThingName { get; init; }

    public string? ThingTypeName { get; init; }

    public IotAttributePayload? AttributePayload { get; init; }

    public string? BillingGroupName { get; init; }
}
