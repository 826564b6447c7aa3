namespace Secretless.TestSupport.ApiGateway;

/// <summary>
/// What API Gateway itself answers when no gateway response of ours covers the case, with its
/// own bodies and <c>x-amzn-ErrorType</c> values (as observed from REST APIs).
/// </summary>
public static class ApiGatewayBuiltInResponses
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";
    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <summary>A route or method the API does not define (MISSING_AUTHENTICATION_TOKEN, 403).</summary>
    public static ApiGatewayBuiltInResponse MissingAuthenticationToken { get; } =
        new(403, "MissingAuthenticationTokenException", """{"message":"Missing Authentication Token"}""");

    /// <summary>The proxy integration failed: function error or a malformed proxy response (502).</summary>
    public static ApiGatewayBuiltInResponse InternalServerError { get; } =
        new(502, "InternalServerErrorException", """{"message": "Internal server error"}""");

    /// <summary>The integration did not answer within the integration timeout (INTEGRATION_TIMEOUT, 504).</summary>
    public static ApiGatewayBuiltInResponse EndpointRequestTimedOut { get; } =
        new(504, "InternalServerErrorException", """{"message": "Endpoint request timed out"}""");
}
