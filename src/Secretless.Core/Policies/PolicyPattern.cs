using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Secretless.Core.Policies;

/// <summary>
/// A compiled IAM-style wildcard pattern (an Action or a Resource). Compiled once at parse time;
/// <see cref="Matches"/> allocates nothing and runs in O(text × pattern) with a single backtrack
/// point (the last <c>*</c>), so hostile patterns cannot cause catastrophic backtracking.
/// Substituted variable values are compared literally: a client id of <c>*</c> is not a wildcard.
/// </summary>
internal sealed class PolicyPattern
{
    private const string ThingNameVariable = "iot:Connection.Thing.ThingName";
    private const string ClientIdVariable = "iot:ClientId";

    private readonly PatternToken[] _tokens;
    private readonly StringComparison _comparison;
    private readonly bool _usesThingName;
    private readonly bool _usesClientId;

    // A variable this endpoint never has a value for (e.g. iot:Certificate.*): never matches.
    private readonly bool _neverMatches;

    private PolicyPattern(PatternToken[] tokens, StringComparison comparison, bool neverMatches)
    {
        _tokens = tokens;
        _comparison = comparison;
        _neverMatches = neverMatches;
        foreach (var token in tokens)
        {
            _usesThingName |= token.Kind == PatternTokenKind.ThingName;
            _usesClientId |= token.Kind == PatternTokenKind.ClientId;
        }
    }

    /// <summary>Actions: case-insensitive, no variables (as in IAM).</summary>
    public static PolicyPattern ForAction(string action)
    {
        // Without variables there is nothing that can fail to compile.
        if (!TryCompile(action, substituteVariables: false, out var tokens, out var neverMatches, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return new PolicyPattern(tokens, StringComparison.OrdinalIgnoreCase, neverMatches);
    }

    /// <summary>
    /// Resources: case-sensitive; with policy language 2012-10-17 <c>${…}</c> are variables,
    /// with 2008-10-17 they are literal text.
    /// </summary>
    public static bool TryForResource(
        string resource,
        bool substituteVariables,
        [NotNullWhen(true)] out PolicyPattern? pattern,
        [NotNullWhen(false)] out string? error)
    {
        if (!TryCompile(resource, substituteVariables, out var tokens, out var neverMatches, out error))
        {
            pattern = null;
            return false;
        }

        pattern = new PolicyPattern(tokens, StringComparison.Ordinal, neverMatches);
        return true;
    }

    public bool Matches(ReadOnlySpan<char> text, IotPolicyVariables variables)
    {
        if (_neverMatches
            || (_usesThingName && string.IsNullOrEmpty(variables.ThingName))
            || (_usesClientId && string.IsNullOrEmpty(variables.ClientId)))
        {
            return false;
        }

        var tokens = _tokens;
        int tokenIndex = 0, textIndex = 0, starToken = -1, starText = 0;
        while (true)
        {
            if (tokenIndex < tokens.Length)
            {
                var token = tokens[tokenIndex];
                if (token.Kind == PatternTokenKind.AnyRun)
                {
                    // Remember where this '*' started; it first matches nothing and grows on mismatch.
                    starToken = tokenIndex++;
                    starText = textIndex;
                    continue;
                }

                if (token.Kind == PatternTokenKind.AnyChar)
                {
                    if (textIndex < text.Length)
                    {
                        tokenIndex++;
                        textIndex++;
                        continue;
                    }
                }
                else
                {
                    var expected = ValueOf(token, variables);
                    if (text[textIndex..].StartsWith(expected, _comparison))
                    {
                        tokenIndex++;
                        textIndex += expected.Length;
                        continue;
                    }
                }
            }
            else if (textIndex == text.Length)
            {
                return true;
            }

            // Mismatch: only the most recent '*' needs to grow (earlier ones cannot help more).
            if (starToken < 0 || starText >= text.Length)
            {
                return false;
            }

            starText++;
            textIndex = starText;
            tokenIndex = starToken + 1;
        }
    }

    private static string ValueOf(PatternToken token, IotPolicyVariables variables) => token.Kind switch
    {
        PatternTokenKind.ThingName => variables.ThingName!,
        PatternTokenKind.ClientId => variables.ClientId!,
        _ => token.Text,
    };

    private static bool TryCompile(
        string source,
        bool substituteVariables,
        [NotNullWhen(true)] out PatternToken[]? tokens,
        out bool neverMatches,
        [NotNullWhen(false)] out string? error)
    {
        var list = new List<PatternToken>();
        var literal = new StringBuilder();
        neverMatches = false;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '*' || c == '?')
            {
                Flush(list, literal);
                var kind = c == '*' ? PatternTokenKind.AnyRun : PatternTokenKind.AnyChar;
                if (kind == PatternTokenKind.AnyRun && list.Count > 0 && list[^1].Kind == PatternTokenKind.AnyRun)
                {
                    continue; // "**" is the same as "*".
                }

                list.Add(new PatternToken(kind, string.Empty));
                continue;
            }

            if (!substituteVariables || c != '$' || i + 1 >= source.Length || source[i + 1] != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = source.IndexOf('}', i + 2);
            if (end < 0)
            {
                tokens = null;
                error = $"has an unterminated policy variable starting at position {i} (expected \"}}\")";
                return false;
            }

            var name = source.AsSpan(i + 2, end - i - 2).Trim();
            i = end;
            if (name is "*" or "?" or "$")
            {
                literal.Append(name[0]); // ${*}, ${?}, ${$}: the character itself, not a wildcard.
            }
            else if (name.Equals(ThingNameVariable, StringComparison.OrdinalIgnoreCase))
            {
                Flush(list, literal);
                list.Add(new PatternToken(PatternTokenKind.ThingName, string.Empty));
            }
            else if (name.Equals(ClientIdVariable, StringComparison.OrdinalIgnoreCase))
            {
                Flush(list, literal);
                list.Add(new PatternToken(PatternTokenKind.ClientId, string.Empty));
            }
            else
            {
                neverMatches = true; // AWS accepts other variables; here they never have a value.
            }
        }

        Flush(list, literal);
        tokens = [.. list];
        error = null;
        return true;
    }

    private static void Flush(List<PatternToken> tokens, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            tokens.Add(new PatternToken(PatternTokenKind.Literal, literal.ToString()));
            literal.Clear();
        }
    }
}
