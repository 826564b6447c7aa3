namespace Secretless.Aws.Iot;

/// <summary>DeleteThing output (none).</summary>
public sealed record DeleteThingResponse;
