namespace Secretless.Local.Registry;

/// <summary>A thing with the certificates attached to it (oldest first).</summary>
public sealed record RegisteredThing(string Name, DateTimeOffset CreatedAt, IReadOnlyList<ThingPrincipal> Principals);
