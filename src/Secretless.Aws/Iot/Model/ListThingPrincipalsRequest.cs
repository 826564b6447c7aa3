namespace Secretless.Aws.Iot;

/// <summary>ListThingPrincipals input.</summary>
public sealed record ListThingPrincipalsRequest
{
    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public required string ThingName { get; init; }
}
