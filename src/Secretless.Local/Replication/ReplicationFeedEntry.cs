using Secretless.Core.Registry;

namespace Secretless.Local.Replication;

/// <summary>
/// One entry of a region's status feed as the replicator reads it: <paramref name="Origin"/> is the
/// region a replicator copied it from, or null when this region made the change itself.
/// </summary>
public sealed record ReplicationFeedEntry(long Sequence, string CertificateId, CertificateStatus Status, DateTimeOffset ChangedAt, string? Origin);
