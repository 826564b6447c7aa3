using System.Buffers;
using System.Text.Json;

namespace Secretless.Core.Policies;

/// <summary>Reads and validates one statement object; <c>path</c> names it in error messages.</summary>
internal static class IotPolicyStatementParser
{
    private static readonly SearchValues<char> ServiceCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    private static readonly SearchValues<char> ActionCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*?");

    public static IotPolicyStatement Read(JsonElement element, string path, bool substituteVariables)
    {
        string? sid = null;
        IotPolicyEffect? effect = null;
        string[]? actions = null, resources = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw IotPolicyDocumentParser.Fail($"{path} has a duplicate \"{property.Name}\" element.");
            }

            var elementPath = $"{path}.{property.Name}";
            switch (property.Name)
            {
                case "Sid":
                    sid = IotPolicyDocumentParser.ReadString(property.Value, elementPath);
                    break;
                case "Effect":
                    effect = ReadEffect(property.Value, elementPath);
                    break;
                case "Action":
                    actions = ReadStringOrArray(property.Value, elementPath);
                    break;
                case "Resource":
                    resources = ReadStringOrArray(property.Value, elementPath);
                    break;
                case "NotAction" or "NotResource":
                    throw IotPolicyDocumentParser.Fail($"{elementPath} is not supported by this endpoint; list the covered values in {property.Name[3..]} (with a Deny statement where needed) instead.");
                case "Condition":
                    throw IotPolicyDocumentParser.Fail($"{elementPath} is not supported by this endpoint; a policy with conditions cannot be enforced faithfully.");
                case "Principal" or "NotPrincipal":
                    throw IotPolicyDocumentParser.Fail($"{elementPath} is not allowed in an AWS IoT policy (the principal is the certificate the policy is attached to).");
                default:
                    throw IotPolicyDocumentParser.Fail($"{path} has an unknown element \"{property.Name}\" (allowed: Sid, Effect, Action, Resource; names are case-sensitive).");
            }
        }

        if (effect is not { } statementEffect)
        {
            throw IotPolicyDocumentParser.Fail($"{path} has no Effect element.");
        }

        if (actions is null)
        {
            throw IotPolicyDocumentParser.Fail($"{path} has no Action element.");
        }

        if (resources is null)
        {
            throw IotPolicyDocumentParser.Fail($"{path} has no Resource element.");
        }

        var actionPatterns = new PolicyPattern[actions.Length];
        for (var i = 0; i < actions.Length; i++)
        {
            ValidateAction(actions[i], $"{path}.Action");
            actionPatterns[i] = PolicyPattern.ForAction(actions[i]);
        }

        var resourcePatterns = new PolicyPattern[resources.Length];
        for (var i = 0; i < resources.Length; i++)
        {
            var resourcePath = $"{path}.Resource";
            ValidateResource(resources[i], resourcePath);
            if (!PolicyPattern.TryForResource(resources[i], substituteVariables, out var pattern, out var error))
            {
                throw IotPolicyDocumentParser.Fail($"{resourcePath} \"{resources[i]}\" {error}.");
            }

            resourcePatterns[i] = pattern;
        }

        return new IotPolicyStatement(sid, statementEffect, actions, actionPatterns, resources, resourcePatterns);
    }

    private static IotPolicyEffect ReadEffect(JsonElement value, string path)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text switch
        {
            "Allow" => IotPolicyEffect.Allow,
            "Deny" => IotPolicyEffect.Deny,
            null => throw IotPolicyDocumentParser.Fail($"{path} must be \"Allow\" or \"Deny\", not {IotPolicyDocumentParser.Describe(value.ValueKind)}."),
            _ => throw IotPolicyDocumentParser.Fail($"{path} must be \"Allow\" or \"Deny\" (case-sensitive), not \"{text}\"."),
        };
    }

    private static string[] ReadStringOrArray(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw IotPolicyDocumentParser.Fail($"{path} must be a string or an array of strings, not {IotPolicyDocumentParser.Describe(value.ValueKind)}.");
        }

        var items = new string[value.GetArrayLength()];
        if (items.Length == 0)
        {
            throw IotPolicyDocumentParser.Fail($"{path} must not be an empty array.");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items[index] = IotPolicyDocumentParser.ReadString(item, $"{path}[{index}]");
            index++;
        }

        return items;
    }

    // "*" or "<service>:<action>" such as "iot:Publish" or "iot:*"; wildcards only in the action part.
    private static void ValidateAction(string action, string path)
    {
        if (action == "*")
        {
            return;
        }

        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var valid = colon > 0
            && colon < action.Length - 1
            && !action.AsSpan(0, colon).ContainsAnyExcept(ServiceCharacters)
            && !action.AsSpan(colon + 1).ContainsAnyExcept(ActionCharacters);
        if (!valid)
        {
            throw IotPolicyDocumentParser.Fail($"{path} \"{action}\" is not a valid action (expected \"*\" or \"service:action\", e.g. \"iot:Publish\" or \"iot:*\").");
        }
    }

    // "*" or an ARN with its six parts (arn:partition:service:region:account:resource).
    private static void ValidateResource(string resource, string path)
    {
        if (resource == "*")
        {
            return;
        }

        if (!resource.StartsWith("arn:", StringComparison.Ordinal) || resource.AsSpan().Count(':') < 5)
        {
            throw IotPolicyDocumentParser.Fail($"{path} \"{resource}\" is not a valid resource (expected \"*\" or an ARN such as \"arn:aws:iot:us-east-1:123456789012:topic/things/t1/telemetry\").");
        }
    }
}
