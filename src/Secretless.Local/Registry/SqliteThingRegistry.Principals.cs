using Microsoft.Data.Sqlite;
using Secretless.Core.Registry;

namespace Secretless.Local.Registry;

/// <summary>What the embedded MQTT broker reads: principals on connect and the status-change feed.</summary>
public sealed partial class SqliteThingRegistry
{
    /// <summary>The most entries one <see cref="ReadStatusChangesAsync"/> call returns.</summary>
    public const int StatusChangePageSize = 500;

    /// <summary>
    /// The certificate's status, things and policy documents, read in one snapshot; null when the
    /// certificate is not registered.
    /// </summary>
    public async Task<CertificatePrincipal?> FindPrincipalAsync(string certificateId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateId);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);

        // One deferred (read-only, lock-free in WAL) transaction, so status, things and policies
        // come from the same commit.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var statuses = await QueryAsync(
            connection,
            transaction,
            "SELECT status FROM certificates WHERE certificate_id = $id;",
            [("$id", certificateId)],
            r => (CertificateStatus)r.GetInt32(0),
            cancellationToken);
        if (statuses.Count == 0)
        {
            return null;
        }

        var things = await QueryAsync(
            connection,
            transaction,
            CertificateAttachmentQueries.ThingsOfCertificate,
            [("$id", certificateId)],
            r => r.GetString(0),
            cancellationToken);
        var policies = await QueryAsync(
            connection,
            transaction,
            CertificateAttachmentQueries.PoliciesOfCertificate,
            [("$id", certificateId)],
            r => new RegisteredPolicy(r.GetString(0), r.GetString(1), r.GetInt32(2), Time(r, 3), Time(r, 4)),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CertificatePrincipal(certificateId, statuses[0], things, policies);
    }

    /// <summary>
    /// Status changes with a sequence greater than <paramref name="afterSequence"/>, oldest first,
    /// at most <see cref="StatusChangePageSize"/>; call again with the last sequence for more.
    /// </summary>
    public async Task<IReadOnlyList<CertificateStatusChange>> ReadStatusChangesAsync(long afterSequence, CancellationToken cancellationToken)
        => await QueryAsync(
            "SELECT sequence, certificate_id, status, changed_at FROM certificate_status_events " +
            "WHERE sequence > $after ORDER BY sequence LIMIT $limit;",
            [("$after", afterSequence), ("$limit", StatusChangePageSize)],
            r => new CertificateStatusChange(r.GetInt64(0), r.GetString(1), (CertificateStatus)r.GetInt32(2), Time(r, 3)),
            cancellationToken);

    /// <summary>The sequence of the newest status change (0 when there is none): where a new reader starts.</summary>
    public async Task<long> ReadLatestStatusChangeSequenceAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            "SELECT COALESCE(MAX(sequence), 0) FROM certificate_status_events;",
            [],
            r => r.GetInt64(0),
            cancellationToken);
        return rows[0];
    }
}
