using System.Text.Json.Nodes;

namespace Secretless.TestSupport.ApiGateway;

/// <summary>
/// The two events a REST API (v1) sends to Lambda, in AWS's documented shapes: the REQUEST
/// authorizer input and the Lambda proxy integration input (payload format 1.0).
/// </summary>
internal static class ApiGatewayEvents
{
    /// <summary>The REQUEST authorizer's input: method ARN, request parameters and the request context.</summary>
    public static JsonObject AuthorizerRequest(GatewayRequest request, LocalApiGatewayOptions options, string resourcePath) => new()
    {
        ["type"] = "REQUEST",
        ["methodArn"] = options.MethodArn(request.HttpMethod, resourcePath),
        ["resource"] = resourcePath,
        ["path"] = request.Path,
        ["httpMethod"] = request.HttpMethod,
        ["headers"] = request.SingleValueHeaders(),
        ["multiValueHeaders"] = request.MultiValueHeaders(),
        ["queryStringParameters"] = request.SingleValueQuery() ?? new JsonObject(),
        ["multiValueQueryStringParameters"] = request.MultiValueQuery() ?? new JsonObject(),
        ["pathParameters"] = new JsonObject(),
        ["stageVariables"] = new JsonObject(),
        ["requestContext"] = RequestContext(request, options, resourcePath, authorizer: null),
    };

    /// <summary>The proxy integration input; <c>requestContext.authorizer</c> holds principalId and the context.</summary>
    public static JsonObject ProxyIntegration(GatewayRequest request, LocalApiGatewayOptions options, string resourcePath, AuthorizerResult authorizer)
    {
        var authorizerNode = new JsonObject { ["principalId"] = authorizer.PrincipalId };
        foreach (var (key, value) in authorizer.Context)
        {
            authorizerNode[key] = value;
        }

        authorizerNode["integrationLatency"] = 0;
        return new JsonObject
        {
            ["resource"] = resourcePath,
            ["path"] = request.Path,
            ["httpMethod"] = request.HttpMethod,
            ["headers"] = request.SingleValueHeaders(),
            ["multiValueHeaders"] = request.MultiValueHeaders(),
            ["queryStringParameters"] = request.SingleValueQuery(),
            ["multiValueQueryStringParameters"] = request.MultiValueQuery(),
            ["pathParameters"] = null,
            ["stageVariables"] = null,
            ["requestContext"] = RequestContext(request, options, resourcePath, authorizerNode),
            // No binary media types are configured: the body goes as text, null when empty.
            ["body"] = request.Body.Length == 0 ? null : request.Body,
            ["isBase64Encoded"] = false,
        };
    }

    private static JsonObject RequestContext(GatewayRequest request, LocalApiGatewayOptions options, string resourcePath, JsonObject? authorizer)
    {
        var context = new JsonObject
        {
            ["resourceId"] = "new001",
            ["resourcePath"] = resourcePath,
            ["httpMethod"] = request.HttpMethod,
            ["extendedRequestId"] = request.RequestId,
            ["requestTime"] = request.RequestTime(),
            ["path"] = $"/{options.Stage}{request.Path}",
            ["accountId"] = options.AccountId,
            ["protocol"] = request.Protocol,
            ["stage"] = options.Stage,
            ["domainPrefix"] = options.ApiId,
            ["requestTimeEpoch"] = request.ReceivedAt.ToUnixTimeMilliseconds(),
            ["requestId"] = request.RequestId,
            ["identity"] = new JsonObject
            {
                ["cognitoIdentityPoolId"] = null,
                ["accountId"] = null,
                ["cognitoIdentityId"] = null,
                ["caller"] = null,
                ["sourceIp"] = request.SourceIp,
                ["principalOrgId"] = null,
                ["accessKey"] = null,
                ["cognitoAuthenticationType"] = null,
                ["cognitoAuthenticationProvider"] = null,
                ["userArn"] = null,
                ["userAgent"] = request.UserAgent,
                ["user"] = null,
            },
            ["domainName"] = request.Host,
            ["apiId"] = options.ApiId,
        };
        if (authorizer is not null)
        {
            context["authorizer"] = authorizer;
        }

        return context;
    }
}
