using System.Text.Json;
using System.Text.Json.Nodes;

namespace Secretless.TestSupport.Emulators;

/// <summary>
/// A JSON configuration as the environment variables .NET configuration reads the same way
/// (<c>Secretless__Issuer__Type=AcmPca</c>): how a Lambda function is configured. With
/// <c>":"</c> as separator, the keys of an in-memory configuration instead.
/// </summary>
public static class ConfigurationEnvironment
{
    public static Dictionary<string, string> From(JsonObject configuration, string separator = "__")
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(configuration, "", separator, variables);
        return variables;
    }

    private static void Flatten(JsonNode? node, string prefix, string separator, Dictionary<string, string> variables)
    {
        switch (node)
        {
            case JsonObject section:
                foreach (var (key, child) in section)
                {
                    Flatten(child, prefix.Length == 0 ? key : $"{prefix}{separator}{key}", separator, variables);
                }

                break;
            case JsonArray items:
                for (var index = 0; index < items.Count; index++)
                {
                    Flatten(items[index], $"{prefix}{separator}{index}", separator, variables);
                }

                break;
            case JsonValue value:
                variables[prefix] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                break;
        }
    }
}
