namespace Secretless.Aws.Iot;

/// <summary>DescribeThing output.</summary>
public sealed record DescribeThingResponse
{
    public string? DefaultClientId { get; init; }

    public string? ThingName { get; init; }

    public string? ThingId { get; init; }

    public string? ThingArn { get; init; }

    public string? ThingTypeName { get; init; }

    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    public long? Version { get; init; }

    public string? BillingGroupName { get; init; }
}
