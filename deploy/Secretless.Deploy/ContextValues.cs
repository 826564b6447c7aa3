using System.Collections;
using Constructs;

namespace Secretless.Deploy;

/// <summary>
/// Context values arrive as strings from the command line and as lists or objects from cdk.json
/// or <c>AppProps.Context</c>; these readers accept both shapes.
/// </summary>
internal static class ContextValues
{
    public static string? Text(Construct scope, string key) =>
        scope.Node.TryGetContext(key) switch
        {
            null => null,
            string text => text.Trim(),
            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
        };

    /// <summary>A list: <c>a,b,c</c> or a JSON array.</summary>
    public static IReadOnlyList<string>? List(Construct scope, string key) =>
        scope.Node.TryGetContext(key) switch
        {
            null => null,
            string text => Split(text, ','),
            IEnumerable items => items.Cast<object>().Select(item => item.ToString()!.Trim()).Where(item => item.Length > 0).ToList(),
            var other => throw new ArgumentException($"context '{key}' must be a list, not {other.GetType().Name}."),
        };

    /// <summary>A map: <c>k=v,k=v</c> or a JSON object.</summary>
    public static IReadOnlyDictionary<string, string>? Map(Construct scope, string key)
    {
        switch (scope.Node.TryGetContext(key))
        {
            case null:
                return null;
            case string text:
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var pair in Split(text, ','))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ArgumentException($"context '{key}' entry '{pair}' must be key=value.");
                    }

                    map[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
                }

                return map;
            case IDictionary dictionary:
                return dictionary.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => dictionary[k]!.ToString()!, StringComparer.Ordinal);
            case var other:
                throw new ArgumentException($"context '{key}' must be key=value pairs or an object, not {other.GetType().Name}.");
        }
    }

    private static List<string> Split(string text, char separator) =>
        text.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
