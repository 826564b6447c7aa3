using System.Text.Json;

namespace Secretless.Lambda.Events;

/// <summary>The <c>requestContext</c> of API Gateway (REST, v1) events: only the members used here.</summary>
public sealed record ApiGatewayRequestContext
{
    public string? RequestId { get; init; }

    public string? Stage { get; init; }

    /// <summary>The host the client called (custom domain or execute-api); used for relative payload URLs.</summary>
    public string? DomainName { get; init; }

    /// <summary>
    /// In a proxy event: <c>principalId</c>, the authorizer's context keys and values API Gateway adds
    /// (e.g. <c>integrationLatency</c>, a number); hence raw JSON values.
    /// </summary>
    public Dictionary<string, JsonElement>? Authorizer { get; init; }
}
