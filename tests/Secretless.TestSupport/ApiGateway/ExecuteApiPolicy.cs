using System.Text.Json.Nodes;

namespace Secretless.TestSupport.ApiGateway;

/// <summary>
/// Evaluates an authorizer's IAM policy for one method ARN the way API Gateway does: an explicit
/// Deny that matches wins, else a matching Allow allows, else the request is implicitly denied.
/// A statement matches when one of its actions matches <c>execute-api:Invoke</c> (case-insensitive,
/// <c>*</c> and <c>?</c> wildcards) and one of its resources matches the ARN (case-sensitive, same
/// wildcards). Statements with <c>NotAction</c>, <c>NotResource</c> or <c>Condition</c> are not
/// supported by this emulation and never match; a policy that is not well formed is rejected.
/// </summary>
public static class ExecuteApiPolicy
{
    public const string InvokeAction = "execute-api:Invoke";

    /// <summary>True when the policy allows <c>execute-api:Invoke</c> on <paramref name="methodArn"/>.</summary>
    /// <exception cref="FormatException">The document has no statements or a statement without Effect, Action or Resource.</exception>
    public static bool Allows(JsonNode? policyDocument, string methodArn)
    {
        var statements = Statements(policyDocument);
        var allowed = false;
        foreach (var statement in statements)
        {
            var effect = statement["Effect"]?.GetValue<string>() ?? throw new FormatException("A statement has no Effect.");
            if (statement.ContainsKey("NotAction") || statement.ContainsKey("NotResource") || statement.ContainsKey("Condition"))
            {
                continue;
            }

            var matches = Values(statement["Action"], "Action").Any(action => WildcardMatch(action, InvokeAction, ignoreCase: true))
                && Values(statement["Resource"], "Resource").Any(resource => WildcardMatch(resource, methodArn, ignoreCase: false));
            if (!matches)
            {
                continue;
            }

            if (string.Equals(effect, "Deny", StringComparison.Ordinal))
            {
                return false;
            }

            if (string.Equals(effect, "Allow", StringComparison.Ordinal))
            {
                allowed = true;
            }
            else
            {
                throw new FormatException($"Effect '{effect}' is neither Allow nor Deny.");
            }
        }

        return allowed;
    }

    /// <summary>IAM wildcard matching: <c>*</c> is any run of characters (including none), <c>?</c> one character.</summary>
    public static bool WildcardMatch(string pattern, string value, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || string.Compare(pattern, p, value, v, 1, comparison) == 0))
            {
                p++;
                v++;
            }
            else if (star >= 0)
            {
                // Let the last star swallow one more character and retry from there.
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static List<JsonObject> Statements(JsonNode? policyDocument)
    {
        var statement = policyDocument is JsonObject document ? document["Statement"] : throw new FormatException("policyDocument is not an object.");
        List<JsonObject> statements = statement switch
        {
            JsonObject single => [single],
            JsonArray many => [.. many.Select(item => item as JsonObject ?? throw new FormatException("A statement is not an object."))],
            _ => throw new FormatException("policyDocument has no Statement."),
        };
        return statements.Count == 0 ? throw new FormatException("policyDocument has no statements.") : statements;
    }

    private static List<string> Values(JsonNode? node, string name) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var single) => [single],
        JsonArray many => [.. many.Select(item => item is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"A {name} entry is not a string."))],
        _ => throw new FormatException($"A statement has no {name}."),
    };
}
