namespace Secretless.TestSupport.ApiGateway;

/// <summary>One of API Gateway's own answers: status, the <c>x-amzn-ErrorType</c> value and the JSON body.</summary>
public sealed record ApiGatewayBuiltInResponse(int StatusCode, string ErrorType, string Body);
