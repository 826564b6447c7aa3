namespace Secretless.Aws.Iot;

/// <summary>DetachThingPrincipal output (none).</summary>
public sealed record DetachThingPrincipalResponse;
