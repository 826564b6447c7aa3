using Microsoft.Data.Sqlite;
using Secretless.Core.Issuance;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Storage;

namespace Secretless.Local.Issuance;

/// <summary>
/// The issuance ledger in the local SQLite database (table <c>issuances</c>), keyed by device id
/// and CSR SHA-256. State moves forward (Pending → Issued → Completed); the one way back is
/// <see cref="ReopenAsync"/>, a compare-and-set from Completed to Pending when the certificate
/// was revoked, so the same CSR is issued again.
/// </summary>
/// <remarks>
/// Writes go through the database's group-commit queue (one fsync per batch of concurrent
/// requests); each call's task completes only after its batch committed. Reads use pooled connections.
/// Bound to a <see cref="SqliteThingRegistry"/> of the same file it records, registers and completes
/// an issuance in one item (<see cref="SqliteAtomicIssuanceRecorder"/>).
/// </remarks>
public sealed class SqliteIssuanceLedger : IIssuanceLedger, IRegistryBoundLedger
{
    // Records from before schema version 4 carry their chain inline; newer ones reference issuer_chains.
    private const string SelectFrom =
        "SELECT i.device_id, i.csr_sha256, i.state, i.certificate_der, COALESCE(c.chain_der, i.chain_der), i.serial, i.not_after, " +
        "i.authority_ref, i.certificate_id, i.created_at, i.completed_at " +
        "FROM issuances i LEFT JOIN issuer_chains c ON c.chain_sha256 = i.chain_sha256";

    private const string SelectByKeySql = $"{SelectFrom} WHERE i.device_id = $device AND i.csr_sha256 = $csr;";

    private readonly SqliteDatabase _database;

    // Every provisioning reads its record first: kept prepared on open connections.
    private readonly SqlitePointQuery<IssuanceRecord> _find;

    public SqliteIssuanceLedger(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _find = new SqlitePointQuery<IssuanceRecord>(database, SelectByKeySql, ["$device", "$csr"], ReadRecord);
    }

    public IAtomicIssuanceRecorder? BindRegistry(IThingRegistry registry)
        => registry is SqliteThingRegistry sqlite && sqlite.Uses(_database) ? new SqliteAtomicIssuanceRecorder(_database, sqlite) : null;

    public async Task<IssuanceRecord> BeginAsync(IssuanceKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Validate(key);
        var createdAt = UnixMilliseconds.From(now);

        // Insert-if-absent is one atomic statement, so racing requests (also from other
        // processes) create exactly one Pending record and all read back the same row.
        return await _database.WriteAsync(
            context =>
            {
                context.Execute(
                    "INSERT INTO issuances (device_id, csr_sha256, state, created_at) VALUES ($device, $csr, $pending, $now) " +
                    "ON CONFLICT (device_id, csr_sha256) DO NOTHING;",
                    ("$device", key.DeviceId),
                    ("$csr", key.CsrSha256Hex),
                    ("$pending", (int)IssuanceState.Pending),
                    ("$now", createdAt));
                return Find(context, key)
                    ?? throw new InvalidOperationException($"The issuance record for device '{key.DeviceId}' vanished right after it was created.");
            },
            cancellationToken);
    }

    public async Task RecordIssuedAsync(IssuanceKey key, IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        Validate(key);
        ArgumentNullException.ThrowIfNull(certificate);
        var chain = StoredIssuerChain.From(certificate.ChainDer);
        var notAfter = UnixMilliseconds.From(certificate.NotAfter);
        await _database.WriteAsync(
            context =>
            {
                chain.Write(context);
                var changed = context.Execute(
                    "UPDATE issuances SET state = $issued, certificate_der = $der, chain_der = NULL, chain_sha256 = $chainId, serial = $serial, " +
                    "not_after = $notAfter, authority_ref = $reference " +
                    "WHERE device_id = $device AND csr_sha256 = $csr AND state = $pending;",
                    ("$device", key.DeviceId),
                    ("$csr", key.CsrSha256Hex),
                    ("$issued", (int)IssuanceState.Issued),
                    ("$pending", (int)IssuanceState.Pending),
                    ("$der", certificate.CertificateDer),
                    ("$chainId", chain.Sha256Hex),
                    ("$serial", certificate.SerialNumberHex),
                    ("$notAfter", notAfter),
                    ("$reference", certificate.AuthorityReference));

                // Zero rows: either already past Pending (a repeated call, which is fine) or never begun.
                return changed == 1 || Find(context, key) is not null
                    ? true
                    : throw new InvalidOperationException($"No issuance was begun for device '{key.DeviceId}' and this CSR.");
            },
            cancellationToken);
    }

    public async Task CompleteAsync(IssuanceKey key, string certificateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Validate(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateId);
        var completedAt = UnixMilliseconds.From(now);
        await _database.WriteAsync(
            context =>
            {
                var changed = context.Execute(
                    "UPDATE issuances SET state = $completed, certificate_id = $certificateId, completed_at = $now " +
                    "WHERE device_id = $device AND csr_sha256 = $csr AND state = $issued;",
                    ("$device", key.DeviceId),
                    ("$csr", key.CsrSha256Hex),
                    ("$completed", (int)IssuanceState.Completed),
                    ("$issued", (int)IssuanceState.Issued),
                    ("$certificateId", certificateId),
                    ("$now", completedAt));
                if (changed == 1)
                {
                    return true;
                }

                return Find(context, key)?.State switch
                {
                    null => throw new InvalidOperationException($"No issuance was begun for device '{key.DeviceId}' and this CSR."),
                    IssuanceState.Pending => throw new InvalidOperationException(
                        $"The issuance for device '{key.DeviceId}' cannot complete before a certificate is recorded."),
                    _ => false, // Already completed: completing again is a no-op.
                };
            },
            cancellationToken);
    }

    /// <summary>
    /// One UPDATE … WHERE state = Completed AND certificate_id = expected: of racing callers (any
    /// process) exactly one reopens; the certificate columns are cleared so the record reads as a
    /// fresh Pending issuance.
    /// </summary>
    public async Task<bool> ReopenAsync(IssuanceKey key, string expectedCertificateId, CancellationToken cancellationToken)
    {
        Validate(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedCertificateId);
        return await _database.WriteAsync(
            context => context.Execute(
                "UPDATE issuances SET state = $pending, certificate_der = NULL, chain_der = NULL, chain_sha256 = NULL, serial = NULL, not_after = NULL, " +
                "authority_ref = NULL, certificate_id = NULL, completed_at = NULL " +
                "WHERE device_id = $device AND csr_sha256 = $csr AND state = $completed AND certificate_id = $expected;",
                ("$device", key.DeviceId),
                ("$csr", key.CsrSha256Hex),
                ("$pending", (int)IssuanceState.Pending),
                ("$completed", (int)IssuanceState.Completed),
                ("$expected", expectedCertificateId)) == 1,
            cancellationToken);
    }

    public Task<IssuanceRecord?> FindAsync(IssuanceKey key, CancellationToken cancellationToken)
    {
        Validate(key);
        cancellationToken.ThrowIfCancellationRequested();

        // Synchronous on purpose, as the directory's lookup: a prepared point read takes microseconds.
        return Task.FromResult(_find.Find(key.DeviceId, key.CsrSha256Hex));
    }

    public async Task<IReadOnlyList<IssuanceRecord>> ListIncompleteAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The state is a literal (not a parameter) so SQLite can use the partial index issuances_incomplete.
        command.CommandText = $"{SelectFrom} WHERE i.state <> {(int)IssuanceState.Completed} ORDER BY i.created_at LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        var records = new List<IssuanceRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    internal static IssuanceRecord? Find(SqliteWriteContext context, IssuanceKey key)
    {
        var command = context.Command(SelectByKeySql);
        AddKey(command, key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    }

    private static IssuanceRecord ReadRecord(SqliteDataReader reader)
    {
        var key = new IssuanceKey(reader.GetString(0), reader.GetString(1));
        var state = (IssuanceState)reader.GetInt32(2);
        IssuedCertificate? certificate = reader.IsDBNull(3)
            ? null
            : new IssuedCertificate(
                reader.GetFieldValue<byte[]>(3),
                ConcatenatedDer.Split(reader.GetFieldValue<byte[]>(4)),
                reader.GetString(5),
                UnixMilliseconds.ToDateTimeOffset(reader.GetInt64(6)),
                reader.GetString(7));
        return new IssuanceRecord(
            key,
            state,
            certificate,
            reader.IsDBNull(8) ? null : reader.GetString(8),
            UnixMilliseconds.ToDateTimeOffset(reader.GetInt64(9)),
            reader.IsDBNull(10) ? null : UnixMilliseconds.ToDateTimeOffset(reader.GetInt64(10)));
    }

    private static void AddKey(SqliteCommand command, IssuanceKey key)
    {
        command.Parameters.AddWithValue("$device", key.DeviceId);
        command.Parameters.AddWithValue("$csr", key.CsrSha256Hex);
    }

    internal static void Validate(IssuanceKey key)
    {
        if (string.IsNullOrEmpty(key.DeviceId) || string.IsNullOrEmpty(key.CsrSha256Hex))
        {
            throw new ArgumentException("The issuance key needs a device id and a CSR hash.", nameof(key));
        }
    }
}
