namespace Secretless.Aws.Iot;

/// <summary>DetachPolicy output (none).</summary>
public sealed record DetachPolicyResponse;
