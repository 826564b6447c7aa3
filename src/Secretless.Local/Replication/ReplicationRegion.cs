using Secretless.Local.Registry;

namespace Secretless.Local.Replication;

/// <summary>One embedded region as the replicator sees it: its name and its own registry file.</summary>
public sealed record ReplicationRegion(string Name, SqliteThingRegistry Registry);
