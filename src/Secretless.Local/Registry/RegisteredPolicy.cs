namespace Secretless.Local.Registry;

/// <summary>A policy with its AWS IoT policy JSON document.</summary>
public sealed record RegisteredPolicy(string Name, string Document, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
