namespace Secretless.Aws.Iot;

/// <summary>The JSON body members of the operation, in the order of the AWS IoT model (the wire order).</summary>
internal sealed record CreateThingBody
{
    public string? ThingTypeName { get; init; }

    public IotAttributePayload? AttributePayload { get; init; }

    public string? BillingGroupName { get; init; }
}
