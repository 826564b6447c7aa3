namespace Secretless.TestSupport.ApiGateway;

/// <summary>
/// What a deployed REST API would know about itself: the ids that make up the method ARN
/// (<c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/POST/new</c>) and the limits it applies.
/// </summary>
public sealed record LocalApiGatewayOptions
{
    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    public string ApiId { get; init; } = "secretless1";

    public string Stage { get; init; } = "prod";

    /// <summary>API Gateway's integration limit: 29 s for REST APIs (also used for the authorizer).</summary>
    public TimeSpan IntegrationTimeout { get; init; } = TimeSpan.FromSeconds(29);

    /// <summary>Clock for requestTime/requestTimeEpoch in the events.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The method ARN API Gateway hands the authorizer for <c>POST /new</c>.</summary>
    public string MethodArn(string httpMethod, string resourcePath)
        => $"arn:aws:execute-api:{Region}:{AccountId}:{ApiId}/{Stage}/{httpMethod}{resourcePath}";
}
