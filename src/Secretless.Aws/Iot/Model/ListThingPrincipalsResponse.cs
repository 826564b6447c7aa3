namespace Secretless.Aws.Iot;

/// <summary>ListThingPrincipals output: principal ARNs.</summary>
public sealed record ListThingPrincipalsResponse
{
    public IReadOnlyList<string>? Principals { get; init; }

    public string? NextToken { get; init; }
}
