using Microsoft.Data.Sqlite;
using Secretless.Core.Registry;
using Secretless.Local.Storage;

namespace Secretless.Local.Registry;

/// <summary>Read side of the local registry for the CLI, and the operator's policy edits.</summary>
public sealed partial class SqliteThingRegistry
{
    /// <summary>Things ordered by name, starting after <paramref name="afterName"/>.</summary>
    public async Task<IReadOnlyList<ThingSummary>> ListThingsAsync(string? afterName, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await QueryAsync(
            "SELECT t.name, t.created_at, (SELECT COUNT(*) FROM thing_principals p WHERE p.thing_name = t.name) " +
            "FROM things t WHERE $after IS NULL OR t.name > $after ORDER BY t.name LIMIT $limit;",
            [("$after", afterName), ("$limit", limit)],
            r => new ThingSummary(r.GetString(0), Time(r, 1), r.GetInt32(2)),
            cancellationToken);
    }

    /// <summary>The thing with its certificates and their statuses, or null.</summary>
    public async Task<RegisteredThing?> GetThingAsync(string thingName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thingName);
        var things = await QueryAsync(
            "SELECT name, created_at FROM things WHERE name = $name;",
            [("$name", thingName)],
            r => (Name: r.GetString(0), CreatedAt: Time(r, 1)),
            cancellationToken);
        if (things.Count == 0)
        {
            return null;
        }

        var principals = await QueryAsync(
            "SELECT c.certificate_id, c.status, p.created_at FROM thing_principals p " +
            "JOIN certificates c ON c.certificate_key = p.certificate_key WHERE p.thing_name = $name ORDER BY p.created_at, c.certificate_id;",
            [("$name", thingName)],
            r => new ThingPrincipal(r.GetString(0), (CertificateStatus)r.GetInt32(1), Time(r, 2)),
            cancellationToken);
        return new RegisteredThing(things[0].Name, things[0].CreatedAt, principals);
    }

    /// <summary>Certificates ordered by id, starting after <paramref name="afterCertificateId"/>.</summary>
    public async Task<IReadOnlyList<CertificateSummary>> ListCertificatesAsync(string? afterCertificateId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await QueryAsync(
            "SELECT certificate_id, status, subject, serial, not_after, created_at, updated_at FROM certificates " +
            "WHERE $after IS NULL OR certificate_id > $after ORDER BY certificate_id LIMIT $limit;",
            [("$after", afterCertificateId), ("$limit", limit)],
            r => new CertificateSummary(
                r.GetString(0), (CertificateStatus)r.GetInt32(1), r.GetString(2), r.GetString(3), Time(r, 4), Time(r, 5), Time(r, 6)),
            cancellationToken);
    }

    /// <summary>The certificate with its DER, things and policies, or null.</summary>
    public async Task<RegisteredCertificate?> GetCertificateAsync(string certificateId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateId);
        var rows = await QueryAsync(
            "SELECT certificate_id, status, subject, issuer, serial, not_after, created_at, updated_at, certificate_der " +
            "FROM certificates WHERE certificate_id = $id;",
            [("$id", certificateId)],
            r => new RegisteredCertificate(
                r.GetString(0), (CertificateStatus)r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4),
                Time(r, 5), Time(r, 6), Time(r, 7), r.GetFieldValue<byte[]>(8), [], []),
            cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var things = await QueryAsync(
            CertificateAttachmentQueries.ThingsOfCertificate,
            [("$id", certificateId)],
            r => r.GetString(0),
            cancellationToken);
        var policies = await QueryAsync(
            CertificateAttachmentQueries.PolicyNamesOfCertificate,
            [("$id", certificateId)],
            r => r.GetString(0),
            cancellationToken);
        return rows[0] with { ThingNames = things, PolicyNames = policies };
    }

    /// <summary>All policies ordered by name.</summary>
    public async Task<IReadOnlyList<PolicySummary>> ListPoliciesAsync(CancellationToken cancellationToken)
        => await QueryAsync(
            "SELECT p.name, p.version, (SELECT COUNT(*) FROM policy_attachments a WHERE a.policy_name = p.name), p.created_at, p.updated_at " +
            "FROM policies p ORDER BY p.name;",
            [],
            r => new PolicySummary(r.GetString(0), r.GetInt32(1), r.GetInt32(2), Time(r, 3), Time(r, 4)),
            cancellationToken);

    /// <summary>The policy with its document, or null.</summary>
    public async Task<RegisteredPolicy?> GetPolicyAsync(string policyName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policyName);
        var rows = await QueryAsync(
            "SELECT name, document, version, created_at, updated_at FROM policies WHERE name = $name;",
            [("$name", policyName)],
            r => new RegisteredPolicy(r.GetString(0), r.GetString(1), r.GetInt32(2), Time(r, 3), Time(r, 4)),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Creates the policy or replaces its document (the version grows by one only when the
    /// document changes). Throws <see cref="ArgumentException"/> when the document is not a JSON object.
    /// </summary>
    public async Task<RegisteredPolicy> PutPolicyAsync(string policyName, string policyDocument, CancellationToken cancellationToken)
    {
        RegistryNames.ValidatePolicyName(policyName);
        RegistryNames.ValidatePolicyDocument(policyDocument);
        await ExecuteAsync(
            "INSERT INTO policies (name, document, version, created_at, updated_at) VALUES ($name, $document, 1, $now, $now) " +
            "ON CONFLICT (name) DO UPDATE SET document = excluded.document, version = version + 1, updated_at = excluded.updated_at " +
            "WHERE document <> excluded.document;",
            [("$name", policyName), ("$document", policyDocument), ("$now", Now())],
            cancellationToken);
        return await GetPolicyAsync(policyName, cancellationToken)
            ?? throw new InvalidOperationException($"Policy '{policyName}' vanished right after it was written.");
    }

    private static DateTimeOffset Time(SqliteDataReader reader, int ordinal) => UnixMilliseconds.ToDateTimeOffset(reader.GetInt64(ordinal));

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql,
        (string Name, object? Value)[] parameters,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await QueryAsync(connection, transaction: null, sql, parameters, read, cancellationToken);
    }

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        (string Name, object? Value)[] parameters,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
