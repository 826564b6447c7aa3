namespace Secretless.Aws.Iot;

/// <summary>DescribeThing input.</summary>
public sealed record DescribeThingRequest
{
    public required string ThingName { get; init; }
}
