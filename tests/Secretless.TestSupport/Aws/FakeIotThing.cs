namespace Secretless.TestSupport.Aws;

/// <summary>A thing in the fake IoT registry.</summary>
public sealed record FakeIotThing(
    string Name,
    string Id,
    string Arn,
    IReadOnlyDictionary<string, string> Attributes,
    string? ThingTypeName,
    long Version);
