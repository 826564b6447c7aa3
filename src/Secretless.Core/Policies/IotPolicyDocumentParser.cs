using System.Text.Json;

namespace Secretless.Core.Policies;

/// <summary>
/// Reads AWS IoT policy JSON strictly: element names and Effect values are case-sensitive,
/// unknown or duplicate elements are refused, and elements this endpoint cannot honour
/// (NotAction, NotResource, Condition) are refused rather than ignored, because ignoring them
/// would silently widen or narrow what a policy grants.
/// </summary>
internal static class IotPolicyDocumentParser
{
    private static readonly JsonDocumentOptions StrictJson = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    public static IotPolicyDocument Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw Fail("The policy document is empty.");
        }

        var size = CountNonWhitespace(json);
        if (size > IotPolicyDocument.MaxCharactersExcludingWhitespace)
        {
            throw Fail($"The policy document has {size} characters excluding whitespace; AWS IoT allows at most {IotPolicyDocument.MaxCharactersExcludingWhitespace}.");
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, StrictJson);
        }
        catch (JsonException ex)
        {
            throw new IotPolicyFormatException($"The policy document is not valid JSON: {ex.Message}", ex);
        }

        using (parsed)
        {
            return ReadDocument(parsed.RootElement);
        }
    }

    private static IotPolicyDocument ReadDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Fail($"The policy document must be a JSON object, not {Describe(root.ValueKind)}.");
        }

        string? version = null, id = null;
        JsonElement? statement = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw Fail($"The policy document has a duplicate \"{property.Name}\" element.");
            }

            switch (property.Name)
            {
                case "Version":
                    version = ReadString(property.Value, "Version");
                    if (version is not IotPolicyDocument.CurrentVersion and not IotPolicyDocument.LegacyVersion)
                    {
                        throw Fail($"Version \"{version}\" is not supported; use \"{IotPolicyDocument.CurrentVersion}\".");
                    }

                    break;
                case "Id":
                    id = ReadString(property.Value, "Id");
                    break;
                case "Statement":
                    statement = property.Value;
                    break;
                default:
                    throw Fail($"The policy document has an unknown element \"{property.Name}\" (allowed: Version, Id, Statement; names are case-sensitive).");
            }
        }

        if (statement is not { } statementElement)
        {
            throw Fail("The policy document has no Statement element.");
        }

        // Policy variables exist only in language version 2012-10-17; before it "${…}" is text.
        var substituteVariables = version == IotPolicyDocument.CurrentVersion;
        IotPolicyStatement[] statements = statementElement.ValueKind switch
        {
            JsonValueKind.Object => [IotPolicyStatementParser.Read(statementElement, "Statement", substituteVariables)],
            JsonValueKind.Array => ReadStatements(statementElement, substituteVariables),
            _ => throw Fail($"Statement must be an object or an array of objects, not {Describe(statementElement.ValueKind)}."),
        };
        return new IotPolicyDocument(version, id, statements);
    }

    private static IotPolicyStatement[] ReadStatements(JsonElement array, bool substituteVariables)
    {
        var statements = new IotPolicyStatement[array.GetArrayLength()];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"Statement[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"{path} must be an object, not {Describe(item.ValueKind)}.");
            }

            statements[index++] = IotPolicyStatementParser.Read(item, path, substituteVariables);
        }

        return statements;
    }

    internal static string ReadString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Fail($"{path} must be a string, not {Describe(value.ValueKind)}.");

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    internal static IotPolicyFormatException Fail(string message) => new(message);

    private static int CountNonWhitespace(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }
}
