namespace Secretless.Aws.Iot;

/// <summary>AttachPolicy input: <see cref="Target"/> is a certificate ARN (or thing group ARN, Cognito id).</summary>
public sealed record AttachPolicyRequest
{
    public required string PolicyName { get; init; }

    public required string Target { get; init; }
}
