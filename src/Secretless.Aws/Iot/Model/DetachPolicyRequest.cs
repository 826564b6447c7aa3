namespace Secretless.Aws.Iot;

/// <summary>DetachPolicy input.</summary>
public sealed record DetachPolicyRequest
{
    public required string PolicyName { get; init; }

    public required string Target { get; init; }
}
