using System.Text.Json.Serialization;

namespace Secretless.Lambda.Events;

/// <summary>Source-generated (Native AOT) JSON for the Lambda events and answers.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiGatewayAuthorizerRequest))]
[JsonSerializable(typeof(ApiGatewayAuthorizerResponse))]
[JsonSerializable(typeof(ApiGatewayProxyRequest))]
[JsonSerializable(typeof(ApiGatewayProxyResponse))]
[JsonSerializable(typeof(LambdaErrorBody))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
