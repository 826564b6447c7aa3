using System.Text.Json.Nodes;

namespace Secretless.Deploy.Tests;

/// <summary>Reads resources of one type out of a synthesized template.</summary>
internal static class Resources
{
    public static List<JsonObject> OfType(JsonNode template, string type) =>
        template["Resources"]!.AsObject()
            .Select(pair => pair.Value!.AsObject())
            .Where(resource => (string?)resource["Type"] == type)
            .ToList();

    public static JsonObject Properties(JsonObject resource) => resource["Properties"]!.AsObject();

    /// <summary>A string, or each string of an array.</summary>
    public static List<string> Strings(JsonNode? node) =>
        node switch
        {
            null => [],
            JsonArray array => array.Select(item => item!.ToJsonString()).Select(Unquote).ToList(),
            _ => [Unquote(node.ToJsonString())],
        };

    private static string Unquote(string json) =>
        json.StartsWith('"') ? JsonNode.Parse(json)!.GetValue<string>() : json;
}
