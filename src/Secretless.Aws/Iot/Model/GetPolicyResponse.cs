namespace Secretless.Aws.Iot;

/// <summary>GetPolicy output.</summary>
public sealed record GetPolicyResponse
{
    public string? PolicyName { get; init; }

    public string? PolicyArn { get; init; }

    public string? PolicyDocument { get; init; }

    public string? DefaultVersionId { get; init; }

    public DateTimeOffset? CreationDate { get; init; }

    public DateTimeOffset? LastModifiedDate { get; init; }

    public string? GenerationId { get; init; }
}
