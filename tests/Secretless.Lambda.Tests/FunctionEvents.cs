using Secretless.Lambda.Events;

namespace Secretless.Lambda.Tests;

/// <summary>API Gateway events as the documented REST (v1) shapes carry them.</summary>
internal static class FunctionEvents
{
    public const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/prod/POST/new";

    public static ApiGatewayAuthorizerRequest Authorizer(params (string Name, string Value)[] headers) => new()
    {
        Type = "REQUEST",
        MethodArn = MethodArn,
        Resource = "/new",
        Path = "/new",
        HttpMethod = "POST",
        Headers = headers.GroupBy(h => h.Name).ToDictionary(g => g.Key, g => g.Last().Value),
        MultiValueHeaders = headers.GroupBy(h => h.Name).ToDictionary(g => g.Key, g => g.Select(h => h.Value).ToList()),
    };

    /// <summary>The proxy event after the authorizer allowed with <paramref name="context"/>.</summary>
    public static ApiGatewayProxyRequest Proxy(string principalId, IReadOnlyDictionary<string, string> context, params (string Name, string Value)[] headers)
    {
        var authorizer = context.ToDictionary(entry => entry.Key, entry => System.Text.Json.JsonSerializer.SerializeToElement(entry.Value));
        authorizer["principalId"] = System.Text.Json.JsonSerializer.SerializeToElement(principalId);
        authorizer["integrationLatency"] = System.Text.Json.JsonSerializer.SerializeToElement(12);
        return new ApiGatewayProxyRequest
        {
            Resource = "/new",
            Path = "/new",
            HttpMethod = "POST",
            Headers = headers.GroupBy(h => h.Name).ToDictionary(g => g.Key, g => g.Last().Value),
            MultiValueHeaders = headers.GroupBy(h => h.Name).ToDictionary(g => g.Key, g => g.Select(h => h.Value).ToList()),
            RequestContext = new ApiGatewayRequestContext { Stage = "prod", DomainName = "provision.example.com", Authorizer = authorizer },
        };
    }
}
