using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Secretless.TestSupport.ApiGateway;

/// <summary>
/// A REQUEST authorizer's answer as API Gateway reads it: <c>principalId</c>, <c>policyDocument</c>
/// and an optional flat <c>context</c> whose values must be strings, numbers or booleans (API Gateway
/// rejects objects and arrays there). Context values are kept as the strings API Gateway passes on.
/// </summary>
public sealed record AuthorizerResult(string PrincipalId, JsonObject PolicyDocument, IReadOnlyDictionary<string, string> Context)
{
    /// <summary>Parses the function's payload; null when it is not a well-formed authorizer response.</summary>
    public static AuthorizerResult? TryParse(byte[] payload)
    {
        try
        {
            if (JsonNode.Parse(payload) is not JsonObject root
                || root["principalId"] is not JsonValue principal
                || !principal.TryGetValue<string>(out var principalId)
                || root["policyDocument"] is not JsonObject policy)
            {
                return null;
            }

            var context = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root["context"] is JsonObject contextObject)
            {
                foreach (var (key, value) in contextObject)
                {
                    if (ContextValue(value) is not { } text)
                    {
                        return null;
                    }

                    context[key] = text;
                }
            }
            else if (root["context"] is not null)
            {
                return null;
            }

            return new AuthorizerResult(principalId, policy, context);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Evaluates the policy for the method ARN; a malformed policy is not an Allow.</summary>
    public bool Allows(string methodArn, out bool policyMalformed)
    {
        try
        {
            policyMalformed = false;
            return ExecuteApiPolicy.Allows(PolicyDocument, methodArn);
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException)
        {
            policyMalformed = true;
            return false;
        }
    }

    private static string? ContextValue(JsonNode? value)
    {
        if (value is not JsonValue scalar)
        {
            return null;
        }

        return scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.Number => scalar.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>For diagnostics only: never the full context (it may carry device details).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"principalId={PrincipalId}, context keys={Context.Count}");
}
