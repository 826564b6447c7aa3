using System.Text.RegularExpressions;

namespace Secretless.Lambda.Tests;

/// <summary>Renders a gateway response body template as API Gateway does: <c>$context.authorizer.key</c> → the context value.</summary>
internal static partial class GatewayTemplate
{
    public static string Render(string template, IReadOnlyDictionary<string, string> context)
        => Placeholder().Replace(template, match => context.TryGetValue(match.Groups[1].Value, out var value) ? value : "");

    [GeneratedRegex(@"\$context\.authorizer\.([A-Za-z0-9_]+)")]
    private static partial Regex Placeholder();
}
