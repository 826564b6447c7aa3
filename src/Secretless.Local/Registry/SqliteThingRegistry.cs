using Microsoft.Data.Sqlite;
using Secretless.Core.Registry;
using Secretless.Local.Storage;
using SQLitePCL;

namespace Secretless.Local.Registry;

/// <summary>
/// The local IoT registry in SQLite, shaped like AWS IoT Core: certificates (id = SHA-256 of the
/// DER), things, policies and their attachments. Writes are idempotent inserts, so a registration
/// interrupted half-way is completed by simply repeating it.
/// </summary>
/// <remarks>
/// Writes go through the database's group-commit queue; <see cref="RegisterDeviceCertificateAsync"/>
/// writes a whole registration as one all-or-nothing item. Reads use pooled connections.
/// </remarks>
public sealed partial class SqliteThingRegistry : IThingRegistry, IAtomicThingRegistry
{
    private readonly SqliteDatabase _database;
    private readonly LocalStackOptions _options;
    private readonly TimeProvider _timeProvider;

    public SqliteThingRegistry(SqliteDatabase database, LocalStackOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _database = database;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Registers the certificate as ACTIVE. A certificate registered before keeps its status:
    /// repeating a registration must not re-activate a certificate an operator revoked.
    /// </summary>
    public async Task<string> RegisterCertificateAsync(byte[] certificateDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        var row = CertificateRow.From(certificateDer, Now());
        await _database.WriteAsync(context => InsertCertificate(context, row), cancellationToken);
        return row.CertificateId;
    }

    public async Task EnsureThingAsync(string thingName, CancellationToken cancellationToken)
    {
        RegistryNames.ValidateThingName(thingName);
        var now = Now();
        await _database.WriteAsync(context => RegistryRows.InsertThing(context, thingName, now), cancellationToken);
    }

    /// <summary>Creates the policy at version 1 when absent; an existing policy is left as it is.</summary>
    public async Task EnsurePolicyAsync(string policyName, string policyDocument, CancellationToken cancellationToken)
    {
        RegistryNames.ValidatePolicyName(policyName);
        RegistryNames.ValidatePolicyDocument(policyDocument);
        var now = Now();
        await _database.WriteAsync(context => RegistryRows.InsertPolicy(context, policyName, policyDocument, 1, now, now), cancellationToken);
    }

    public async Task AttachPolicyAsync(string policyName, string certificateId, CancellationToken cancellationToken)
    {
        RegistryNames.ValidatePolicyName(policyName);
        RegistryNames.ValidateCertificateId(certificateId);
        var now = Now();
        await AttachAsync(context => RegistryRows.AttachPolicy(context, policyName, certificateId, now, announce: true), $"policy '{policyName}'", certificateId, cancellationToken);
    }

    public async Task AttachThingPrincipalAsync(string thingName, string certificateId, CancellationToken cancellationToken)
    {
        RegistryNames.ValidateThingName(thingName);
        RegistryNames.ValidateCertificateId(certificateId);
        var now = Now();
        await AttachAsync(context => RegistryRows.AttachThing(context, thingName, certificateId, now, announce: true), $"thing '{thingName}'", certificateId, cancellationToken);
    }

    public async Task<bool> SetCertificateStatusAsync(string certificateId, CertificateStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateId);
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown certificate status.");
        }

        var now = Now();
        return await _database.WriteAsync(context => SetCertificateStatus(context, certificateId, status, now), cancellationToken);
    }

    public ValueTask<string> GetEndpointAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_options.MqttEndpoint);

    /// <summary>The AWS IoT certificate id: lowercase hex SHA-256 of the certificate's DER.</summary>
    public static string CertificateIdOf(ReadOnlySpan<byte> certificateDer) => CertificateIds.Of(certificateDer);

    private long Now() => UnixMilliseconds.From(_timeProvider.GetUtcNow());

    private async Task AttachAsync(Func<SqliteWriteContext, int> attach, string targetDescription, string certificateId, CancellationToken cancellationToken)
    {
        var missing = $"Cannot attach {targetDescription} to certificate '{certificateId}': register both first.";
        try
        {
            // The attachment takes the certificate's key from its row, so an unknown certificate
            // would insert nothing: say so, as the foreign key does for the other side.
            await _database.WriteAsync(
                context => CertificateExists(context, certificateId) ? attach(context) : throw new InvalidOperationException(missing),
                cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == raw.SQLITE_CONSTRAINT)
        {
            // The foreign key names no row: say which side is missing instead of "constraint failed".
            throw new InvalidOperationException(missing, exception);
        }
    }

    private static bool CertificateExists(SqliteWriteContext context, string certificateId)
    {
        var existing = context.Command("SELECT 1 FROM certificates WHERE certificate_id = $id;");
        existing.Parameters.AddWithValue("$id", certificateId);
        return existing.ExecuteScalar() is not null;
    }

    /// <summary>
    /// REVOKED is final, as in AWS IoT. The guard is in the UPDATE itself so that a revoke from
    /// another process between a caller's read and this write is never undone. False: unknown certificate.
    /// </summary>
    private static bool SetCertificateStatus(SqliteWriteContext context, string certificateId, CertificateStatus status, long now)
    {
        var changed = context.Execute(
            "UPDATE certificates SET status = $status, updated_at = $now " +
            "WHERE certificate_id = $id AND (status <> $revoked OR $status = $revoked);",
            ("$status", (int)status),
            ("$now", now),
            ("$id", certificateId),
            ("$revoked", (int)CertificateStatus.Revoked));
        if (changed == 1)
        {
            return true;
        }

        if (!CertificateExists(context, certificateId))
        {
            return false;
        }

        throw new InvalidOperationException(
            $"Certificate '{certificateId}' is REVOKED; a revoked certificate cannot be made {status.ToString().ToUpperInvariant()} again.");
    }

    /// <summary>One write statement, group-committed with the other writes of this process.</summary>
    private async Task<int> ExecuteAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
        => await _database.WriteAsync(context => context.Execute(sql, parameters), cancellationToken);
}
