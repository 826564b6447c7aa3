using System.Globalization;

namespace Secretless.Aws.Iot;

/// <summary>
/// How the AWS SDKs put IoT inputs in the URL: path labels and query values percent-encoded per
/// RFC 3986 (everything but <c>A-Z a-z 0-9 - _ . ~</c>, so <c>: + = @ , /</c> are encoded too),
/// query parameters sorted by key, booleans and numbers as their invariant text.
/// </summary>
internal static class IotWireEncoding
{
    /// <summary>A required URI label: empty is refused, as the SDKs refuse it.</summary>
    public static string Label(string value, string memberName)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"The IoT path label '{memberName}' must not be empty.", memberName);
        }

        // Uri.EscapeDataString is exactly RFC 3986 with upper-case hex, like the SDKs' encoder.
        return Uri.EscapeDataString(value);
    }

    /// <summary>The raw query (no <c>?</c>) from the set parameters; unset (null) ones are left out.</summary>
    public static string Query(params (string Name, object? Value)[] parameters)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in parameters)
        {
            var text = value switch
            {
                null => null,
                bool flag => flag ? "true" : "false",
                int number => number.ToString(CultureInfo.InvariantCulture),
                long number => number.ToString(CultureInfo.InvariantCulture),
                string s => s,
                _ => throw new ArgumentException($"Unsupported query value type {value.GetType()}.", nameof(parameters)),
            };
            if (text is not null)
            {
                pairs.Add(new(name, text));
            }
        }

        pairs.Sort((left, right) => string.CompareOrdinal(left.Key, right.Key));
        return string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
    }
}
