namespace Secretless.Aws.Iot;

/// <summary>AWS IoT's <c>AttributePayload</c>: thing attributes, sent in insertion order.</summary>
public sealed record IotAttributePayload
{
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    public bool? Merge { get; init; }
}
