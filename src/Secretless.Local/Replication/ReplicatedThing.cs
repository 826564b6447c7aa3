namespace Secretless.Local.Replication;

/// <summary>A thing a replicated certificate is attached to, with its creation time in the source region.</summary>
public sealed record ReplicatedThing(string Name, DateTimeOffset CreatedAt);
