namespace Secretless.Lambda.Events;

/// <summary>
/// The event API Gateway (REST, v1) sends a <c>REQUEST</c> Lambda authorizer: the method ARN the
/// policy must name, and the request's parameters. Only what the authorizer reads is modelled;
/// unknown members are ignored.
/// </summary>
public sealed record ApiGatewayAuthorizerRequest
{
    /// <summary><c>REQUEST</c> for this authorizer type.</summary>
    public string? Type { get; init; }

    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{verb}/{resource}</c>.</summary>
    public string? MethodArn { get; init; }

    public string? Resource { get; init; }

    public string? Path { get; init; }

    public string? HttpMethod { get; init; }

    /// <summary>Last value per header name, names as the client sent them.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Every value per header name.</summary>
    public Dictionary<string, List<string>>? MultiValueHeaders { get; init; }

    public ApiGatewayRequestContext? RequestContext { get; init; }
}
