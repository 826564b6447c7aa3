namespace Secretless.Aws.Iot;

/// <summary>AttachPolicy output (none).</summary>
public sealed record AttachPolicyResponse;
