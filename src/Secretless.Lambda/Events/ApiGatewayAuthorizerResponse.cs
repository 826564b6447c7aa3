namespace Secretless.Lambda.Events;

/// <summary>
/// A Lambda authorizer's answer: the principal, an IAM policy allowing or denying
/// <c>execute-api:Invoke</c> on the method ARN, and the context API Gateway hands on (to the
/// integration as <c>requestContext.authorizer</c>, to gateway responses as <c>$context.authorizer</c>).
/// </summary>
public sealed record ApiGatewayAuthorizerResponse(
    string PrincipalId,
    AuthorizerPolicyDocument PolicyDocument,
    Dictionary<string, string> Context);
