using Secretless.Core.Issuance;
using Secretless.Core.Registry;
using Secretless.Local.Registry;
using Secretless.Local.Storage;

namespace Secretless.Local.Issuance;

/// <summary>
/// The ledger and the registry in one SQLite file: an issuance's certificate, its registration
/// and its completion are one item of the group-commit queue, so a provisioning waits for one
/// COMMIT instead of four and nothing of it is ever half written.
/// </summary>
internal sealed class SqliteAtomicIssuanceRecorder : IAtomicIssuanceRecorder
{
    private const string UpsertCompletedSql =
        "INSERT INTO issuances (device_id, csr_sha256, state, certificate_der, chain_sha256, serial, not_after, authority_ref, certificate_id, created_at, completed_at) " +
        "VALUES ($device, $csr, $completed, $der, $chainId, $serial, $notAfter, $reference, $certificateId, $now, $now) " +
        "ON CONFLICT (device_id, csr_sha256) DO UPDATE SET state = excluded.state, certificate_der = excluded.certificate_der, " +
        "chain_der = NULL, chain_sha256 = excluded.chain_sha256, serial = excluded.serial, not_after = excluded.not_after, authority_ref = excluded.authority_ref, " +
        "certificate_id = excluded.certificate_id, completed_at = excluded.completed_at " +
        "WHERE issuances.state = $pending AND issuances.certificate_der IS NULL;";

    private readonly SqliteDatabase _database;
    private readonly SqliteThingRegistry _registry;

    public SqliteAtomicIssuanceRecorder(SqliteDatabase database, SqliteThingRegistry registry)
    {
        if (!registry.Uses(database))
        {
            throw new ArgumentException("The registry keeps its rows in another database than the ledger.", nameof(registry));
        }

        _database = database;
        _registry = registry;
    }

    public async Task<AtomicIssuanceResult> RecordRegisteredAsync(
        IssuanceKey key,
        IssuedCertificate certificate,
        DeviceCertificateRegistration registration,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        SqliteIssuanceLedger.Validate(key);
        ArgumentNullException.ThrowIfNull(certificate);
        if (registration is null || registration.Reactivate || !registration.CertificateDer.AsSpan().SequenceEqual(certificate.CertificateDer))
        {
            throw new ArgumentException("The registration must be the new (not reactivated) registration of this certificate.", nameof(registration));
        }

        // Parsed and validated here, so the writer thread only binds values.
        var row = _registry.PrepareRegistration(registration);
        var chain = StoredIssuerChain.From(certificate.ChainDer);
        var at = UnixMilliseconds.From(now);
        return await _database.WriteAsync(context => Record(context, key, certificate, chain, registration, row, at), cancellationToken);
    }

    private static AtomicIssuanceResult Record(
        SqliteWriteContext context,
        IssuanceKey key,
        IssuedCertificate certificate,
        StoredIssuerChain chain,
        DeviceCertificateRegistration registration,
        CertificateRow row,
        long now)
    {
        // Inside the batch's write transaction, so nothing changes between this read and the writes.
        var existing = SqliteIssuanceLedger.Find(context, key);
        if (existing?.Certificate is not null)
        {
            return new AtomicIssuanceResult(existing, Registered: false, ThingHadOtherCertificates: false);
        }

        SqliteThingRegistry.Register(context, registration, row);
        chain.Write(context);
        context.Execute(
            UpsertCompletedSql,
            ("$device", key.DeviceId),
            ("$csr", key.CsrSha256Hex),
            ("$completed", (int)IssuanceState.Completed),
            ("$pending", (int)IssuanceState.Pending),
            ("$der", certificate.CertificateDer),
            ("$chainId", chain.Sha256Hex),
            ("$serial", certificate.SerialNumberHex),
            ("$notAfter", UnixMilliseconds.From(certificate.NotAfter)),
            ("$reference", certificate.AuthorityReference),
            ("$certificateId", row.CertificateId),
            ("$now", now));
        var completed = new IssuanceRecord(
            key,
            IssuanceState.Completed,
            certificate,
            row.CertificateId,
            existing?.CreatedAt ?? UnixMilliseconds.ToDateTimeOffset(now),
            UnixMilliseconds.ToDateTimeOffset(now));
        var others = SqliteThingRegistry.HasOtherUnrevokedCertificate(context, registration.ThingName, row.CertificateId);
        return new AtomicIssuanceResult(completed, Registered: true, others);
    }
}
