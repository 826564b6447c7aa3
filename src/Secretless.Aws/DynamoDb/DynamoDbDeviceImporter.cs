using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Secretless.Core.Devices;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// One import: validate every entry, read what the table already holds (BatchGetItem), decide per
/// device (new, unchanged, replaced, conflict) and only when there is no conflict write the new and
/// replaced items (BatchWriteItem). Unchanged devices are not written at all, so a re-run changes
/// nothing and keeps their <c>updated-at</c>.
/// </summary>
internal sealed class DynamoDbDeviceImporter
{
    private readonly DynamoDbBatches _batches;
    private readonly string _tableName;
    private readonly DateTimeOffset _now;
    private readonly ILogger _logger;
    private readonly Lock _progressGate = new();

    public DynamoDbDeviceImporter(DynamoDbBatches batches, string tableName, DateTimeOffset now, ILogger logger)
    {
        _batches = batches;
        _tableName = tableName;
        _now = now;
        _logger = logger;
    }

    public async Task<DeviceImportResult> ImportAsync(
        IReadOnlyList<DeviceImportEntry> entries,
        bool replaceExistingKeys,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var conflicts = new List<DeviceImportConflict>();
        var unique = Deduplicate(entries, conflicts, out var duplicatesWithSameKey);
        var existing = await _batches.GetAsync([.. unique.Keys], cancellationToken);

        var toWrite = new List<Dictionary<string, AttributeValue>>();
        int inserted = 0, unchanged = duplicatesWithSameKey, replaced = 0;
        foreach (var entry in unique.Values)
        {
            if (!existing.TryGetValue(entry.DeviceId, out var stored))
            {
                toWrite.Add(DynamoDbDeviceItems.NewItem(entry, _now));
                inserted++;
            }
            else if (HasSameKey(stored, entry))
            {
                unchanged++;
            }
            else if (replaceExistingKeys)
            {
                toWrite.Add(DynamoDbDeviceItems.WithReplacedKey(stored, entry, _now));
                replaced++;
            }
            else
            {
                conflicts.Add(new DeviceImportConflict(entry.LineNumber, entry.DeviceId));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (conflicts.Count > 0)
        {
            conflicts.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
            DynamoDbLog.ImportConflicts(_logger, _tableName, conflicts.Count);
            return new DeviceImportResult(0, 0, 0, conflicts);
        }

        await WriteAsync(toWrite, entries.Count, progress, cancellationToken);
        progress?.Report(entries.Count);
        DynamoDbLog.ImportCommitted(_logger, _tableName, inserted, unchanged, replaced);
        return new DeviceImportResult(inserted, unchanged, replaced, conflicts);
    }

    private async Task WriteAsync(
        List<Dictionary<string, AttributeValue>> items,
        int entryCount,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        // Progress counts entries settled: the ones needing no write are settled up front.
        var settled = entryCount - items.Count;
        var written = 0;
        try
        {
            await _batches.PutAsync(
                items,
                count =>
                {
                    // Reports stay in increasing order although batches finish in parallel.
                    lock (_progressGate)
                    {
                        written += count;
                        progress?.Report(settled + written);
                    }
                },
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            int writtenSoFar;
            lock (_progressGate)
            {
                writtenSoFar = written;
            }

            DynamoDbLog.ImportIncomplete(_logger, e, _tableName, writtenSoFar, items.Count);
            throw new DynamoDbImportIncompleteException(_tableName, writtenSoFar, items.Count, e);
        }
    }

    /// <summary>
    /// First occurrence of each device id wins. A later line with the same key counts as unchanged;
    /// a later line with a different key is a conflict even with replace, because which key the
    /// admin meant is ambiguous.
    /// </summary>
    private static Dictionary<string, DeviceImportEntry> Deduplicate(
        IReadOnlyList<DeviceImportEntry> entries,
        List<DeviceImportConflict> conflicts,
        out int duplicatesWithSameKey)
    {
        var unique = new Dictionary<string, DeviceImportEntry>(entries.Count, StringComparer.Ordinal);
        duplicatesWithSameKey = 0;
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = Validate(entries[index], index);
            if (!unique.TryGetValue(entry.DeviceId, out var first))
            {
                unique.Add(entry.DeviceId, entry);
            }
            else if (first.PublicKey.AsSpan().SequenceEqual(entry.PublicKey))
            {
                duplicatesWithSameKey++;
            }
            else
            {
                conflicts.Add(new DeviceImportConflict(entry.LineNumber, entry.DeviceId));
            }
        }

        return unique;
    }

    private static DeviceImportEntry Validate(DeviceImportEntry? entries, int index)
    {
        // Named after the caller's parameter so the ArgumentException points at the import's entries.
        var entry = entries ?? throw new ArgumentException($"Entry {index} is null.", nameof(entries));

        if (string.IsNullOrEmpty(entry.DeviceId))
        {
            throw new ArgumentException($"Line {entry.LineNumber}: the device id is missing.", nameof(entries));
        }

        if (entry.PublicKey is null || entry.PublicKey.Length == 0)
        {
            throw new ArgumentException($"Line {entry.LineNumber}: the public key is missing.", nameof(entries));
        }

        if (!Enum.IsDefined(entry.KeyAlgorithm))
        {
            throw new ArgumentException($"Line {entry.LineNumber}: unknown key algorithm {entry.KeyAlgorithm}.", nameof(entries));
        }

        return entry;
    }

    /// <summary>A stored key that no longer decodes counts as different: a conflict, or replaced when asked to.</summary>
    private static bool HasSameKey(Dictionary<string, AttributeValue> stored, DeviceImportEntry entry) =>
        DynamoDbDeviceItems.TryReadPublicKey(stored, out var key, out _)
        && key.SpkiDer.AsSpan().SequenceEqual(entry.PublicKey);
}
