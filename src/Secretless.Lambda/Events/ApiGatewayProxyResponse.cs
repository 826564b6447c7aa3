namespace Secretless.Lambda.Events;

/// <summary>What a proxy integration returns; API Gateway sends it to the client as is.</summary>
public sealed record ApiGatewayProxyResponse(
    int StatusCode,
    Dictionary<string, string> Headers,
    string Body,
    bool IsBase64Encoded = false);
