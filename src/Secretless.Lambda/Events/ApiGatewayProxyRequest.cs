namespace Secretless.Lambda.Events;

/// <summary>The Lambda proxy integration event (REST API, payload v1): only the members the issuer reads.</summary>
public sealed record ApiGatewayProxyRequest
{
    public string? Resource { get; init; }

    public string? Path { get; init; }

    public string? HttpMethod { get; init; }

    /// <summary>Last value per header name, names as the client sent them.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Every value per header name.</summary>
    public Dictionary<string, List<string>>? MultiValueHeaders { get; init; }

    public ApiGatewayRequestContext? RequestContext { get; init; }

    public string? Body { get; init; }

    public bool IsBase64Encoded { get; init; }
}
