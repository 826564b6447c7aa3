using System.Diagnostics.CodeAnalysis;

namespace Secretless.Core.Policies;

/// <summary>
/// A parsed AWS IoT policy document (Version, optional Id, Statement). Parse once and evaluate
/// many times with <see cref="IotPolicyEvaluator"/>; instances are immutable and thread-safe.
/// </summary>
public sealed class IotPolicyDocument
{
    /// <summary>The policy language version that enables policy variables.</summary>
    public const string CurrentVersion = "2012-10-17";

    /// <summary>The older language version, in which <c>${…}</c> is literal text.</summary>
    public const string LegacyVersion = "2008-10-17";

    /// <summary>AWS IoT Core's limit on a policy document, counted without whitespace.</summary>
    public const int MaxCharactersExcludingWhitespace = 2048;

    internal IotPolicyDocument(string? version, string? id, IotPolicyStatement[] statements)
    {
        Version = version;
        Id = id;
        StatementArray = statements;
        Statements = Array.AsReadOnly(statements);
    }

    /// <summary>The Version element, or null when absent (then AWS treats it as 2008-10-17).</summary>
    public string? Version { get; }

    /// <summary>The optional Id element.</summary>
    public string? Id { get; }

    /// <summary>The statements in document order (a single Statement object becomes one entry).</summary>
    public IReadOnlyList<IotPolicyStatement> Statements { get; }

    internal IotPolicyStatement[] StatementArray { get; }

    /// <summary>Parses a policy document.</summary>
    /// <exception cref="IotPolicyFormatException">The JSON is invalid or not a supported policy; the message says what and where.</exception>
    public static IotPolicyDocument Parse(string json) => IotPolicyDocumentParser.Parse(json);

    /// <summary>Parses a policy document without throwing for malformed input.</summary>
    public static bool TryParse(
        string json,
        [NotNullWhen(true)] out IotPolicyDocument? document,
        [NotNullWhen(false)] out string? error)
    {
        try
        {
            document = IotPolicyDocumentParser.Parse(json);
            error = null;
            return true;
        }
        catch (IotPolicyFormatException ex)
        {
            document = null;
            error = ex.Message;
            return false;
        }
    }
}
