namespace Secretless.Aws.Iot;

/// <summary>The JSON body members of the operation, in the order of the AWS IoT model (the wire order).</summary>
internal sealed record CreatePolicyBody
{
    public required string PolicyDocument { get; init; }

    public IReadOnlyList<IotTag>? Tags { get; init; }
}
