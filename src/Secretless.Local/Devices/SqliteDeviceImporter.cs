using Microsoft.Data.Sqlite;
using Secretless.Core.Devices;
using Secretless.Core.Keys;

namespace Secretless.Local.Devices;

/// <summary>
/// One all-or-nothing import on one connection: a single IMMEDIATE transaction and one prepared
/// INSERT reused for every entry, so a million entries cost a million steps of one statement.
/// Existing devices fall through to a lookup (same key: unchanged; different key: replaced or a
/// conflict). Any conflict rolls everything back.
/// </summary>
internal sealed class SqliteDeviceImporter
{
    // Lets SQLite keep the pages of a large import in memory instead of spilling them to the WAL
    // mid-transaction; restored afterwards because the connection goes back to the pool.
    private const string LargeCache = "PRAGMA cache_size = -65536;";
    private const string DefaultCache = "PRAGMA cache_size = -2000;";

    // Indexed by the enum's value; boxed once so binding a row allocates nothing for it.
    private static readonly object[] BoxedAlgorithms = Enumerable.Range(0, 1 + Enum.GetValues<KeyAlgorithm>().Max(a => (int)a))
        .Select(value => (object)value)
        .ToArray();

    private readonly SqliteConnection _connection;
    private readonly object _now;
    private readonly bool _replaceExistingKeys;

    public SqliteDeviceImporter(SqliteConnection connection, long nowUnixMilliseconds, bool replaceExistingKeys)
    {
        _connection = connection;
        _now = nowUnixMilliseconds;
        _replaceExistingKeys = replaceExistingKeys;
    }

    public DeviceImportResult Import(IReadOnlyList<DeviceImportEntry> entries, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        Execute(LargeCache);
        try
        {
            return ImportInTransaction(entries, progress, cancellationToken);
        }
        finally
        {
            Execute(DefaultCache);
        }
    }

    private DeviceImportResult ImportInTransaction(IReadOnlyList<DeviceImportEntry> entries, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using var insert = Prepare(
            transaction,
            "INSERT INTO devices (device_id, public_key, key_algorithm, status, created_at, updated_at) " +
            "VALUES ($id, $key, $algorithm, 0, $now, $now) ON CONFLICT (device_id) DO NOTHING;",
            withKey: true);
        using var select = Prepare(transaction, "SELECT public_key FROM devices WHERE device_id = $id;", withKey: false);
        using var replace = Prepare(
            transaction,
            "UPDATE devices SET public_key = $key, key_algorithm = $algorithm, updated_at = $now WHERE device_id = $id;",
            withKey: true);

        // Visiting the entries in key order turns random B-tree inserts into appends: the pages being
        // written stay in the cache instead of thrashing once the table outgrows it (measured: a
        // million random ids 48 s unsorted, a few seconds sorted).
        var order = OrderById(entries);
        int inserted = 0, unchanged = 0, replaced = 0;
        var conflicts = new List<DeviceImportConflict>();
        for (var index = 0; index < order.Length; index++)
        {
            var entry = entries[order[index]];
            Bind(insert, entry);
            if (insert.ExecuteNonQuery() == 1)
            {
                inserted++;
            }
            else if (HasSameKey(select, entry))
            {
                unchanged++;
            }
            else if (_replaceExistingKeys)
            {
                Bind(replace, entry);
                replace.ExecuteNonQuery();
                replaced++;
            }
            else
            {
                conflicts.Add(new DeviceImportConflict(entry.LineNumber, entry.DeviceId));
            }

            if ((index + 1) % SqliteDeviceDirectory.ProgressInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(index + 1);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (conflicts.Count > 0)
        {
            transaction.Rollback();
            conflicts.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
            return new DeviceImportResult(0, 0, 0, conflicts);
        }

        transaction.Commit();
        progress?.Report(entries.Count);
        return new DeviceImportResult(inserted, unchanged, replaced, conflicts);
    }

    private static int[] OrderById(IReadOnlyList<DeviceImportEntry> entries)
    {
        var ids = new string[entries.Count];
        var order = new int[entries.Count];
        for (var index = 0; index < ids.Length; index++)
        {
            ids[index] = (entries[index] ?? throw new ArgumentException($"Entry {index} is null.", nameof(entries))).DeviceId
                ?? throw new ArgumentException($"Entry {index} has no device id.", nameof(entries));
            order[index] = index;
        }

        // SQLite's default BINARY collation compares UTF-8 bytes; for the ASCII device ids this
        // is the same order as ordinal comparison.
        Array.Sort(ids, order, StringComparer.Ordinal);
        return order;
    }

    private static bool HasSameKey(SqliteCommand select, DeviceImportEntry entry)
    {
        select.Parameters[0].Value = entry.DeviceId;
        using var reader = select.ExecuteReader();
        return reader.Read() && reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(entry.PublicKey);
    }

    private static void Bind(SqliteCommand command, DeviceImportEntry entry)
    {
        var parameters = command.Parameters;
        parameters[0].Value = entry.DeviceId;
        parameters[1].Value = entry.PublicKey ?? throw new ArgumentException($"Line {entry.LineNumber}: the public key is missing.", nameof(entry));
        if (!Enum.IsDefined(entry.KeyAlgorithm))
        {
            throw new ArgumentException($"Line {entry.LineNumber}: unknown key algorithm {entry.KeyAlgorithm}.", nameof(entry));
        }

        parameters[2].Value = BoxedAlgorithms[(int)entry.KeyAlgorithm];
    }

    private SqliteCommand Prepare(SqliteTransaction transaction, string sql, bool withKey)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add("$id", SqliteType.Text);
        if (withKey)
        {
            command.Parameters.Add("$key", SqliteType.Blob);
            command.Parameters.Add("$algorithm", SqliteType.Integer);
            command.Parameters.Add("$now", SqliteType.Integer).Value = _now;
        }

        command.Prepare();
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
