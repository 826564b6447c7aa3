using System.Text.Json.Serialization;

namespace Secretless.Lambda.Events;

/// <summary>An IAM policy document (members are PascalCase in IAM's JSON).</summary>
public sealed record AuthorizerPolicyDocument(
    [property: JsonPropertyName("Version")] string Version,
    [property: JsonPropertyName("Statement")] IReadOnlyList<AuthorizerPolicyStatement> Statement)
{
    public const string CurrentVersion = "2012-10-17";
    public const string InvokeAction = "execute-api:Invoke";
    public const string Allow = "Allow";
    public const string Deny = "Deny";

    /// <summary>One statement with <paramref name="effect"/> on <c>execute-api:Invoke</c> for <paramref name="methodArn"/>.</summary>
    public static AuthorizerPolicyDocument For(string effect, string methodArn) =>
        new(CurrentVersion, [new AuthorizerPolicyStatement(InvokeAction, effect, methodArn)]);
}
