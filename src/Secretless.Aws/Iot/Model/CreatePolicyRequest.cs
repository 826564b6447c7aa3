namespace Secretless.Aws.Iot;

/// <summary>CreatePolicy input.</summary>
public sealed record CreatePolicyRequest
{
    public required string PolicyName { get; init; }

    public required string PolicyDocument { get; init; }

    public IReadOnlyList<IotTag>? Tags { get; init; }
}
