using System.Text.Json.Serialization;

namespace Secretless.Lambda.Events;

/// <summary>One IAM policy statement.</summary>
public sealed record AuthorizerPolicyStatement(
    [property: JsonPropertyName("Action")] string Action,
    [property: JsonPropertyName("Effect")] string Effect,
    [property: JsonPropertyName("Resource")] string Resource);
