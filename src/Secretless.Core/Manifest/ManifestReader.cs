using Secretless.Core.Devices;
using Secretless.Core.Keys;

namespace Secretless.Core.Manifest;

/// <summary>
/// Reads a device manifest: CSV <c>device-id,public-key</c> (header line optional) or JSON Lines
/// <c>{"deviceId":…,"publicKey":…}</c>, chosen by the first data line. Blank lines and lines
/// starting with <c>#</c> are skipped. Every bad line (invalid id, undecodable or disallowed key,
/// duplicate id) is reported with its line number; keys come out normalized. Streams the input,
/// so a million lines take seconds and only the entries stay in memory.
/// </summary>
public static class ManifestReader
{
    /// <summary>Progress is reported as lines read, every this many lines and at the end.</summary>
    public const int ProgressInterval = 10_000;

    public static async Task<ManifestReadResult> ReadAsync(
        TextReader reader,
        IProgress<int>? progress,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);

        var entries = new List<DeviceImportEntry>();
        var errors = new List<ManifestLineError>();
        var firstLineById = new Dictionary<string, int>(StringComparer.Ordinal);
        JsonManifestLine? json = null;
        bool? isJson = null;
        var lineNumber = 0;

        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (lineNumber % ProgressInterval == 0)
            {
                progress?.Report(lineNumber);
            }

            var content = line.AsSpan();
            if (lineNumber == 1 && content.StartsWith("\uFEFF"))
            {
                content = content[1..];
            }

            content = content.Trim();
            if (content.IsEmpty || content[0] == '#')
            {
                continue;
            }

            var firstDataLine = isJson is null;
            isJson ??= content[0] == '{';
            var fields = isJson.Value
                ? (json ??= new JsonManifestLine()).Parse(content.ToString())
                : CsvManifestLine.Parse(content, mayBeHeader: firstDataLine);

            if (fields.IsHeader)
            {
                continue;
            }

            if (fields.Error is not null)
            {
                errors.Add(new ManifestLineError(lineNumber, fields.Error));
                continue;
            }

            var entry = ToEntry(lineNumber, fields.DeviceId!, fields.PublicKey!, out var error);
            if (entry is null)
            {
                errors.Add(new ManifestLineError(lineNumber, error!));
                continue;
            }

            if (!firstLineById.TryAdd(entry.DeviceId, lineNumber))
            {
                errors.Add(new ManifestLineError(
                    lineNumber,
                    $"device id '{entry.DeviceId}' is also on line {firstLineById[entry.DeviceId]}"));
                continue;
            }

            entries.Add(entry);
        }

        progress?.Report(lineNumber);
        return new ManifestReadResult(entries, errors);
    }

    private static DeviceImportEntry? ToEntry(int lineNumber, string deviceId, string publicKey, out string? error)
    {
        if (!DeviceIdRules.TryValidate(deviceId, out var idError))
        {
            error = idError.Detail;
            return null;
        }

        if (!PublicKeyText.TryDecode(publicKey, out var spki, out var decodeError))
        {
            error = $"device '{deviceId}': {decodeError}";
            return null;
        }

        if (!PublicKeyNormalizer.TryNormalize(spki, out var key, out var keyError))
        {
            error = $"device '{deviceId}': {keyError.Detail}";
            return null;
        }

        error = null;
        return new DeviceImportEntry(lineNumber, deviceId, key.SpkiDer, key.Algorithm);
    }
}
