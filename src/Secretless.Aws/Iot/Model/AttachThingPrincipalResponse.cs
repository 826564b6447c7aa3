namespace Secretless.Aws.Iot;

/// <summary>AttachThingPrincipal output (none).</summary>
public sealed record AttachThingPrincipalResponse;
