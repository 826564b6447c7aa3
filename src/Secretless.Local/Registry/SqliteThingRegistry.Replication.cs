using Secretless.Core.Registry;
using Secretless.Local.Replication;
using Secretless.Local.Storage;

namespace Secretless.Local.Registry;

/// <summary>
/// What the embedded multi-region replicator reads from a source region and writes into a target
/// region (<see cref="RegionReplicator"/>). The target's cursor moves in the same write (one item of
/// the group-commit queue) as the change it records, so a crash never skips or half-applies an entry.
/// </summary>
public sealed partial class SqliteThingRegistry
{
    /// <summary>
    /// Feed entries after <paramref name="afterSequence"/>, oldest first, at most
    /// <see cref="StatusChangePageSize"/>, each with the region it was replicated from (null: made here).
    /// </summary>
    public async Task<IReadOnlyList<ReplicationFeedEntry>> ReadReplicationFeedAsync(long afterSequence, CancellationToken cancellationToken)
        => await QueryAsync(
            "SELECT sequence, certificate_id, status, changed_at, origin FROM certificate_status_events " +
            "WHERE sequence > $after ORDER BY sequence LIMIT $limit;",
            [("$after", afterSequence), ("$limit", StatusChangePageSize)],
            r => new ReplicationFeedEntry(r.GetInt64(0), r.GetString(1), (CertificateStatus)r.GetInt32(2), Time(r, 3), r.IsDBNull(4) ? null : r.GetString(4)),
            cancellationToken);

    /// <summary>
    /// Moves the cursor of <paramref name="sourceRegion"/> forward to <paramref name="sequence"/> without
    /// applying anything: past entries the source only received from other regions.
    /// </summary>
    public async Task AdvanceReplicationCursorAsync(string sourceRegion, long sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceRegion);
        await ExecuteAsync(
            "INSERT INTO replication_cursors (source, sequence) VALUES ($source, $sequence) " +
            "ON CONFLICT (source) DO UPDATE SET sequence = excluded.sequence WHERE excluded.sequence > sequence;",
            [("$source", sourceRegion), ("$sequence", sequence)],
            cancellationToken);
    }

    /// <summary>The certificate with its things and policies, as another region must copy it; null when not registered.</summary>
    public async Task<CertificateReplica?> ReadReplicaAsync(string certificateId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateId);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var rows = await QueryAsync(
            connection,
            transaction,
            "SELECT certificate_der, subject, issuer, serial, not_after, created_at FROM certificates WHERE certificate_id = $id;",
            [("$id", certificateId)],
            r => new CertificateReplica(
                certificateId, r.GetFieldValue<byte[]>(0), r.GetString(1), r.GetString(2), r.GetString(3), Time(r, 4), Time(r, 5), [], []),
            cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var things = await QueryAsync(
            connection,
            transaction,
            "SELECT t.name, t.created_at FROM certificates c JOIN thing_principals p ON p.certificate_key = c.certificate_key " +
            "JOIN things t ON t.name = p.thing_name WHERE c.certificate_id = $id ORDER BY t.name;",
            [("$id", certificateId)],
            r => new ReplicatedThing(r.GetString(0), Time(r, 1)),
            cancellationToken);
        var policies = await QueryAsync(
            connection,
            transaction,
            CertificateAttachmentQueries.PoliciesOfCertificate,
            [("$id", certificateId)],
            r => new RegisteredPolicy(r.GetString(0), r.GetString(1), r.GetInt32(2), Time(r, 3), Time(r, 4)),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows[0] with { Things = things, Policies = policies };
    }

    /// <summary>The last sequence of <paramref name="sourceRegion"/>'s feed applied here (0: nothing yet).</summary>
    public async Task<long> ReadReplicationCursorAsync(string sourceRegion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceRegion);
        var rows = await QueryAsync(
            "SELECT sequence FROM replication_cursors WHERE source = $source;",
            [("$source", sourceRegion)],
            r => r.GetInt64(0),
            cancellationToken);
        return rows.Count == 0 ? 0 : rows[0];
    }

    /// <summary>
    /// Applies one feed entry of <paramref name="sourceRegion"/> and moves the cursor past it, in one
    /// transaction. A certificate this region lacks is copied whole from <paramref name="replica"/>
    /// with the entry's status; a known one takes the entry's status unless it is REVOKED (final);
    /// missing things, policies and attachments are added, existing ones are left as they are.
    /// The feed entries this writes here are marked with their origin, so they are not sent back.
    /// Returns true when anything changed here.
    /// </summary>
    public async Task<bool> ApplyReplicatedChangeAsync(
        string sourceRegion,
        ReplicationFeedEntry change,
        CertificateReplica? replica,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceRegion);
        ArgumentNullException.ThrowIfNull(change);
        return await _database.WriteAsync(context => ApplyReplicatedChange(context, sourceRegion, change, replica), cancellationToken);
    }

    private static bool ApplyReplicatedChange(SqliteWriteContext context, string sourceRegion, ReplicationFeedEntry change, CertificateReplica? replica)
    {
        // The write queue's transaction is IMMEDIATE and its items run one after another: no other
        // writer between reading the feed's end and marking what this item wrote.
        var feedEnd = (long)context.Command("SELECT COALESCE(MAX(sequence), 0) FROM certificate_status_events;").ExecuteScalar()!;

        var changed = replica is not null && Apply(context, change, replica);

        context.Execute(
            "UPDATE certificate_status_events SET origin = $source WHERE sequence > $end AND origin IS NULL;",
            ("$source", sourceRegion),
            ("$end", feedEnd));
        context.Execute(
            "INSERT INTO replication_cursors (source, sequence) VALUES ($source, $sequence) " +
            "ON CONFLICT (source) DO UPDATE SET sequence = excluded.sequence WHERE excluded.sequence > sequence;",
            ("$source", sourceRegion),
            ("$sequence", change.Sequence));
        return changed;
    }

    private static bool Apply(SqliteWriteContext context, ReplicationFeedEntry change, CertificateReplica replica)
    {
        var changedAt = UnixMilliseconds.From(change.ChangedAt);
        var row = new CertificateRow(
            replica.CertificateId, replica.CertificateDer, replica.Subject, replica.Issuer, replica.Serial,
            UnixMilliseconds.From(replica.NotAfter), UnixMilliseconds.From(replica.RegisteredAt));
        var changes = RegistryRows.InsertCertificate(context, row, change.Status, changedAt);
        var known = changes == 0;
        if (known)
        {
            // Known here: take the entry's status, except over REVOKED, which is final in every region.
            changes += context.Execute(
                "UPDATE certificates SET status = $status, updated_at = $changedAt " +
                "WHERE certificate_id = $id AND status <> $status AND status <> $revoked;",
                ("$status", (int)change.Status), ("$changedAt", changedAt), ("$id", replica.CertificateId), ("$revoked", (int)CertificateStatus.Revoked));
        }

        foreach (var thing in replica.Things)
        {
            changes += RegistryRows.InsertThing(context, thing.Name, UnixMilliseconds.From(thing.CreatedAt));
            changes += RegistryRows.AttachThing(context, thing.Name, replica.CertificateId, changedAt, announce: known);
        }

        foreach (var policy in replica.Policies)
        {
            // An existing policy keeps its document: operators edit policies per region, as in AWS IoT.
            changes += RegistryRows.InsertPolicy(
                context, policy.Name, policy.Document, policy.Version,
                UnixMilliseconds.From(policy.CreatedAt), UnixMilliseconds.From(policy.UpdatedAt));
            changes += RegistryRows.AttachPolicy(context, policy.Name, replica.CertificateId, changedAt, announce: known);
        }

        return changes > 0;
    }
}
