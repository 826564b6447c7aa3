namespace Secretless.Aws.Iot;

/// <summary>CreatePolicy output.</summary>
public sealed record CreatePolicyResponse
{
    public string? PolicyName { get; init; }

    public string? PolicyArn { get; init; }

    public string? PolicyDocument { get; init; }

    public string? PolicyVersionId { get; init; }
}
