namespace Secretless.Core.Manifest;

/// <summary>
/// One CSV line <c>device-id,public-key</c>; fields may be double-quoted (with <c>""</c> for a
/// quote), as spreadsheet and DynamoDB exports write them. A PEM key must be on one line (with
/// literal <c>\n</c>) or be base64.
/// </summary>
internal static class CsvManifestLine
{
    public static ManifestFields Parse(ReadOnlySpan<char> line, bool mayBeHeader)
    {
        var fields = new List<string>(2);
        var position = 0;
        while (true)
        {
            if (fields.Count == 2)
            {
                return ManifestFields.Failed(
                    "expected 2 comma-separated fields (device-id,public-key), found more");
            }

            if (!TryReadField(line, ref position, out var field, out var error))
            {
                return ManifestFields.Failed(error!);
            }

            fields.Add(field!);
            if (position >= line.Length)
            {
                break;
            }

            position++; // the comma
        }

        if (fields.Count != 2)
        {
            return ManifestFields.Failed(
                $"expected 2 comma-separated fields (device-id,public-key), found {fields.Count}");
        }

        if (mayBeHeader && IsHeaderName(fields[1]))
        {
            return ManifestFields.Header();
        }

        return new ManifestFields(fields[0], fields[1], null);
    }

    private static bool TryReadField(ReadOnlySpan<char> line, ref int position, out string? field, out string? error)
    {
        var rest = line[position..];
        var leading = rest.Length - rest.TrimStart().Length;
        if (leading < rest.Length && rest[leading] == '"')
        {
            var builder = new System.Text.StringBuilder();
            var i = position + leading + 1;
            while (true)
            {
                if (i >= line.Length)
                {
                    field = null;
                    error = "a quoted field has no closing quote (fields cannot span lines)";
                    return false;
                }

                if (line[i] == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        builder.Append('"');
                        i += 2;
                        continue;
                    }

                    i++;
                    break;
                }

                builder.Append(line[i]);
                i++;
            }

            var after = line[i..];
            var comma = after.IndexOf(',');
            var trailing = comma < 0 ? after : after[..comma];
            if (!trailing.IsWhiteSpace())
            {
                field = null;
                error = "unexpected characters after a closing quote";
                return false;
            }

            position = comma < 0 ? line.Length : i + comma;
            field = builder.ToString().Trim();
            error = null;
            return true;
        }

        var end = rest.IndexOf(',');
        var value = end < 0 ? rest : rest[..end];
        position = end < 0 ? line.Length : position + end;
        field = value.Trim().ToString();
        error = null;
        return true;
    }

    private static bool IsHeaderName(string name)
    {
        var normalized = name.Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace("_", string.Empty, StringComparison.Ordinal);
        return normalized.Equals("publickey", StringComparison.OrdinalIgnoreCase)
            || normalized.Equals("pubkey", StringComparison.OrdinalIgnoreCase);
    }
}
