namespace Secretless.Lambda.Events;

/// <summary>
/// Header lookup in API Gateway events: names are compared case-insensitively (HTTP), and the
/// multi-value map wins because it holds every value the client sent (the single map keeps the last).
/// </summary>
public static class RequestHeaders
{
    public static IReadOnlyList<string> Values(
        Dictionary<string, string>? headers,
        Dictionary<string, List<string>>? multiValueHeaders,
        string name)
    {
        if (multiValueHeaders is not null)
        {
            var all = multiValueHeaders
                .Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                .SelectMany(header => header.Value ?? [])
                .ToList();
            if (all.Count > 0)
            {
                return all;
            }
        }

        return headers is null
            ? []
            : [.. headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value)];
    }
}
