namespace Secretless.Aws.Iot;

/// <summary>GetPolicy input.</summary>
public sealed record GetPolicyRequest
{
    public required string PolicyName { get; init; }
}
