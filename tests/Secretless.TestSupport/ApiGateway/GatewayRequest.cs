using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Secretless.TestSupport.ApiGateway;

/// <summary>
/// The parts of one incoming request that both events carry, captured once: the id, the time and
/// the headers and query string in API Gateway's two shapes (last value per name, and all values).
/// </summary>
internal sealed class GatewayRequest
{
    private GatewayRequest(HttpRequest request, string requestId, DateTimeOffset receivedAt, string body)
    {
        HttpMethod = request.Method;
        Path = request.Path.Value ?? "/";
        RequestId = requestId;
        ReceivedAt = receivedAt;
        Body = body;
        SourceIp = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        UserAgent = request.Headers.UserAgent.ToString();
        Protocol = request.Protocol;
        Host = request.Host.Value ?? "localhost";
        Headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        Query = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }

    public string HttpMethod { get; }

    public string Path { get; }

    public string RequestId { get; }

    public DateTimeOffset ReceivedAt { get; }

    public string Body { get; }

    public string SourceIp { get; }

    public string UserAgent { get; }

    public string Protocol { get; }

    public string Host { get; }

    public IReadOnlyDictionary<string, string?[]> Headers { get; }

    public IReadOnlyDictionary<string, string?[]> Query { get; }

    public static async Task<GatewayRequest> ReadAsync(HttpRequest request, TimeProvider timeProvider, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        return new GatewayRequest(request, Guid.NewGuid().ToString(), timeProvider.GetUtcNow(), body);
    }

    /// <summary>The last value of a header (what API Gateway puts into <c>headers</c>), or null.</summary>
    public string? LastHeader(string name) => Headers.TryGetValue(name, out var values) && values.Length > 0 ? values[^1] : null;

    /// <summary><c>headers</c>: one value per name, the last one sent.</summary>
    public JsonObject SingleValueHeaders() => Single(Headers);

    /// <summary><c>multiValueHeaders</c>: every value per name, in order.</summary>
    public JsonObject MultiValueHeaders() => Multi(Headers);

    /// <summary><c>queryStringParameters</c>: null without a query string, as API Gateway sends it.</summary>
    public JsonObject? SingleValueQuery() => Query.Count == 0 ? null : Single(Query);

    public JsonObject? MultiValueQuery() => Query.Count == 0 ? null : Multi(Query);

    /// <summary>requestContext.requestTime: CLF format, e.g. <c>09/Apr/2015:12:34:56 +0000</c>.</summary>
    public string RequestTime() => ReceivedAt.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);

    private static JsonObject Single(IReadOnlyDictionary<string, string?[]> values)
    {
        var result = new JsonObject();
        foreach (var (name, all) in values)
        {
            result[name] = all.Length == 0 ? "" : all[^1];
        }

        return result;
    }

    private static JsonObject Multi(IReadOnlyDictionary<string, string?[]> values)
    {
        var result = new JsonObject();
        foreach (var (name, all) in values)
        {
            result[name] = new JsonArray([.. all.Select(value => (JsonNode?)JsonValue.Create(value ?? ""))]);
        }

        return result;
    }
}
