using System.Globalization;
using System.Text.Json;
using Secretless.Core.Errors;
using Secretless.Core.Provisioning;
using Secretless.Lambda.Gateway;

namespace Secretless.Lambda.Authorizer;

/// <summary>
/// The authorizer's context for a refusal, both ways: written by the authorizer (values are JSON
/// string content escaped like serve's bodies, so <see cref="GatewayResponses.Denied"/> renders
/// serve's bytes) and read back by the issuer, which answers the same problem serve would.
/// </summary>
public static class AuthorizerContext
{
    public const string RefusalFlag = "true";

    /// <summary>The context for an admitted device.</summary>
    public static Dictionary<string, string> Admitted(string deviceId) => new(StringComparer.Ordinal)
    {
        [GatewayResponses.DeviceIdKey] = ProblemBody.EncodeStringContent(deviceId),
    };

    /// <summary>The context for a refusal; <paramref name="passToIssuer"/> adds the <c>refusal</c> flag (Allow).</summary>
    public static Dictionary<string, string> Refused(ProvisioningError error, bool passToIssuer)
    {
        ArgumentNullException.ThrowIfNull(error);
        var context = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [GatewayResponses.StatusKey] = error.Status.ToString(CultureInfo.InvariantCulture),
            [GatewayResponses.CodeKey] = ProblemBody.EncodeStringContent(error.Code),
            [GatewayResponses.TitleKey] = ProblemBody.EncodeStringContent(error.Title),
            [GatewayResponses.DetailKey] = ProblemBody.EncodeStringContent(error.Detail),
        };
        if (ProblemBody.RetryAfterSeconds(error) is { } seconds)
        {
            context[GatewayResponses.RetryAfterKey] = seconds;
        }

        if (passToIssuer)
        {
            context[GatewayResponses.RefusalKey] = RefusalFlag;
        }

        return context;
    }

    /// <summary>
    /// The refusal the authorizer passed on in a proxy event's <c>requestContext.authorizer</c>, or
    /// null when it admitted the device (or no authorizer ran).
    /// </summary>
    public static ProvisioningError? ReadRefusal(IReadOnlyDictionary<string, JsonElement>? authorizer)
    {
        if (authorizer is null || Text(authorizer, GatewayResponses.RefusalKey) != RefusalFlag)
        {
            return null;
        }

        var status = int.Parse(Text(authorizer, GatewayResponses.StatusKey) ?? "500", NumberStyles.Integer, CultureInfo.InvariantCulture);
        var retryAfter = Text(authorizer, GatewayResponses.RetryAfterKey) is { } seconds
            ? TimeSpan.FromSeconds(long.Parse(seconds, NumberStyles.Integer, CultureInfo.InvariantCulture))
            : (TimeSpan?)null;
        return new ProvisioningError(
            status,
            Decode(Text(authorizer, GatewayResponses.CodeKey)),
            Decode(Text(authorizer, GatewayResponses.TitleKey)),
            Decode(Text(authorizer, GatewayResponses.DetailKey)),
            retryAfter);
    }

    // API Gateway may pass context values on as strings, numbers or booleans.
    private static string? Text(IReadOnlyDictionary<string, JsonElement> authorizer, string key)
    {
        if (!authorizer.TryGetValue(key, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
    }

    private static string Decode(string? encoded)
        => encoded is null ? "" : JsonSerializer.Deserialize("\"" + encoded + "\"", CoreJsonContext.Default.String) ?? "";
}
