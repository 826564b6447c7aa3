using System.Text.RegularExpressions;
using Secretless.Lambda.Gateway;

namespace Secretless.TestSupport.ApiGateway;

/// <summary>
/// Renders a gateway response's body template the one way this emulation supports: every
/// <c>$context.authorizer.&lt;key&gt;</c> becomes the authorizer's context value, inserted as is
/// (API Gateway does not escape it), and an unknown key becomes the empty string.
/// </summary>
public static partial class GatewayResponseTemplate
{
    public static string Render(GatewayResponseDefinition definition, IReadOnlyDictionary<string, string> authorizerContext)
        => AuthorizerVariable().Replace(
            definition.BodyTemplate,
            match => authorizerContext.TryGetValue(match.Groups["key"].Value, out var value) ? value : "");

    [GeneratedRegex(@"\$context\.authorizer\.(?<key>[A-Za-z0-9_]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizerVariable();
}
