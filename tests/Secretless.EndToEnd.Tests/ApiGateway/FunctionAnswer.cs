using System.Text.Json.Nodes;

namespace Secretless.EndToEnd.Tests.ApiGateway;

/// <summary>What a <see cref="ScriptedFunction"/> posts back: a response payload, or an error report.</summary>
public sealed record FunctionAnswer(string Body, bool IsError)
{
    public static FunctionAnswer Respond(JsonNode payload) => new(payload.ToJsonString(), IsError: false);

    public static FunctionAnswer Respond(string rawPayload) => new(rawPayload, IsError: false);

    public static FunctionAnswer Fail(string errorType, string errorMessage)
        => new(new JsonObject { ["errorType"] = errorType, ["errorMessage"] = errorMessage }.ToJsonString(), IsError: true);
}
