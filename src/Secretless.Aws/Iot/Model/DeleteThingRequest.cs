namespace Secretless.Aws.Iot;

/// <summary>DeleteThing input; <see cref="ExpectedVersion"/> makes it conditional (VersionConflictException otherwise).</summary>
public sealed record DeleteThingRequest
{
    public required string ThingName { get; init; }

    public long? ExpectedVersion { get; init; }
}
