using Microsoft.Data.Sqlite;
using Secretless.Core.Issuance;
using Secretless.Local.Storage;

namespace Secretless.Local.Issuance;

/// <summary>
/// The issuance ledger in the local SQLite database (table <c>issuances</c>), keyed by device id
/// and CSR SHA-256. State moves forward (Pending → Issued → Completed); the one way back is
/// <see cref="ReopenAsync"/>, a compare-and-set from Completed to Pending when the certificate
/// was revoked, so the same CSR is issued again.
/// </summary>
public sealed class SqliteIssuanceLedger : IIssuanceLedger
{
    private const string SelectColumns =
        "device_id, csr_sha256, state, certificate_der, chain_der, serial, not_after, authority_ref, certificate_id, created_at, completed_at";

    private readonly SqliteDatabase _database;

    public SqliteIssuanceLedger(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public async Task<IssuanceRecord> BeginAsync(IssuanceKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Validate(key);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);

        // Insert-if-absent is one atomic statement, so racing requests (also from other
        // processes) create exactly one Pending record and all read back the same row.
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText =
                "INSERT INTO issuances (device_id, csr_sha256, state, created_at) VALUES ($device, $csr, $pending, $now) " +
                "ON CONFLICT (device_id, csr_sha256) DO NOTHING;";
            AddKey(insert, key);
            insert.Parameters.AddWithValue("$pending", (int)IssuanceState.Pending);
            insert.Parameters.AddWithValue("$now", UnixMilliseconds.From(now));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return await FindAsync(connection, key, cancellationToken)
            ?? throw new InvalidOperationException($"The issuance record for device '{key.DeviceId}' vanished right after it was created.");
    }

    public async Task RecordIssuedAsync(IssuanceKey key, IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        Validate(key);
        ArgumentNullException.ThrowIfNull(certificate);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText =
            "UPDATE issuances SET state = $issued, certificate_der = $der, chain_der = $chain, serial = $serial, " +
            "not_after = $notAfter, authority_ref = $reference " +
            "WHERE device_id = $device AND csr_sha256 = $csr AND state = $pending;";
        AddKey(update, key);
        update.Parameters.AddWithValue("$issued", (int)IssuanceState.Issued);
        update.Parameters.AddWithValue("$pending", (int)IssuanceState.Pending);
        update.Parameters.AddWithValue("$der", certificate.CertificateDer);
        update.Parameters.AddWithValue("$chain", ConcatenatedDer.Join(certificate.ChainDer));
        update.Parameters.AddWithValue("$serial", certificate.SerialNumberHex);
        update.Parameters.AddWithValue("$notAfter", UnixMilliseconds.From(certificate.NotAfter));
        update.Parameters.AddWithValue("$reference", certificate.AuthorityReference);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return;
        }

        // Zero rows: either already past Pending (a repeated call, which is fine) or never begun.
        _ = await FindAsync(connection, key, cancellationToken)
            ?? throw new InvalidOperationException($"No issuance was begun for device '{key.DeviceId}' and this CSR.");
    }

    public async Task CompleteAsync(IssuanceKey key, string certificateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Validate(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateId);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText =
            "UPDATE issuances SET state = $completed, certificate_id = $certificateId, completed_at = $now " +
            "WHERE device_id = $device AND csr_sha256 = $csr AND state = $issued;";
        AddKey(update, key);
        update.Parameters.AddWithValue("$completed", (int)IssuanceState.Completed);
        update.Parameters.AddWithValue("$issued", (int)IssuanceState.Issued);
        update.Parameters.AddWithValue("$certificateId", certificateId);
        update.Parameters.AddWithValue("$now", UnixMilliseconds.From(now));
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return;
        }

        var existing = await FindAsync(connection, key, cancellationToken);
        switch (existing?.State)
        {
            case null:
                throw new InvalidOperationException($"No issuance was begun for device '{key.DeviceId}' and this CSR.");
            case IssuanceState.Pending:
                throw new InvalidOperationException($"The issuance for device '{key.DeviceId}' cannot complete before a certificate is recorded.");
            default:
                return; // Already completed: completing again is a no-op.
        }
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
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText =
            "UPDATE issuances SET state = $pending, certificate_der = NULL, chain_der = NULL, serial = NULL, not_after = NULL, " +
            "authority_ref = NULL, certificate_id = NULL, completed_at = NULL " +
            "WHERE device_id = $device AND csr_sha256 = $csr AND state = $completed AND certificate_id = $expected;";
        AddKey(update, key);
        update.Parameters.AddWithValue("$pending", (int)IssuanceState.Pending);
        update.Parameters.AddWithValue("$completed", (int)IssuanceState.Completed);
        update.Parameters.AddWithValue("$expected", expectedCertificateId);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IssuanceRecord?> FindAsync(IssuanceKey key, CancellationToken cancellationToken)
    {
        Validate(key);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, key, cancellationToken);
    }

    public async Task<IReadOnlyList<IssuanceRecord>> ListIncompleteAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The state is a literal (not a parameter) so SQLite can use the partial index issuances_incomplete.
        command.CommandText = $"SELECT {SelectColumns} FROM issuances WHERE state <> {(int)IssuanceState.Completed} ORDER BY created_at LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        var records = new List<IssuanceRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    private static async Task<IssuanceRecord?> FindAsync(SqliteConnection connection, IssuanceKey key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SelectColumns} FROM issuances WHERE device_id = $device AND csr_sha256 = $csr;";
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRecord(reader) : null;
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

    private static void Validate(IssuanceKey key)
    {
        if (string.IsNullOrEmpty(key.DeviceId) || string.IsNullOrEmpty(key.CsrSha256Hex))
        {
            throw new ArgumentException("The issuance key needs a device id and a CSR hash.", nameof(key));
        }
    }
}
