using System.Text;
using Secretless.Core.Errors;

namespace Secretless.Lambda.Gateway;

/// <summary>
/// How the device contract (DESIGN §3) survives API Gateway, which only lets an authorizer say
/// Allow or Deny:
/// <list type="bullet">
/// <item>No <c>device-csr</c> header: API Gateway answers <c>UNAUTHORIZED</c> without calling the
/// authorizer (the header is the identity source); it is rewritten to serve's 400 <c>csr-missing</c>.</item>
/// <item>403 refusals (signature, key mismatch, disabled device, key or signature algorithm): the
/// authorizer denies and puts the problem into its context; <c>ACCESS_DENIED</c> renders serve's body.</item>
/// <item>Other refusals (400, 404, 429, 503): a gateway response cannot choose its status per
/// request, so the authorizer allows with a <c>refusal</c> context and the issuer answers it.</item>
/// <item>The authorizer crashed: <c>AUTHORIZER_FAILURE</c> becomes serve's empty 500.</item>
/// </list>
/// </summary>
public static class GatewayResponses
{
    /// <summary>Authorizer context keys (values are JSON string content, already escaped).</summary>
    public const string StatusKey = "status";
    public const string CodeKey = "code";
    public const string TitleKey = "title";
    public const string DetailKey = "detail";
    public const string RetryAfterKey = "retryAfter";
    public const string RefusalKey = "refusal";
    public const string DeviceIdKey = "deviceId";

    public const string ProblemContentType = ProblemBody.ContentType;

    /// <summary>serve's problem document for <c>csr-missing</c>, byte for byte (the core writes both).</summary>
    public static GatewayResponseDefinition MissingCsr { get; } = new(
        "UNAUTHORIZED",
        400,
        ProblemContentType,
        Encoding.UTF8.GetString(ProblemBody.Serialize(ProvisioningErrors.CsrMissing())));

    /// <summary>serve's problem document for a 403, filled from the authorizer's context.</summary>
    public static GatewayResponseDefinition Denied { get; } = new(
        "ACCESS_DENIED",
        403,
        ProblemContentType,
        """{"type":"https://secretless.dev/problems/$context.authorizer.code","title":"$context.authorizer.title","status":403,"detail":"$context.authorizer.detail","code":"$context.authorizer.code"}""");

    /// <summary>An unexpected authorizer failure: the seed's empty 500.</summary>
    public static GatewayResponseDefinition AuthorizerFailure { get; } = new("AUTHORIZER_FAILURE", 500, "application/json", "");

    /// <summary>
    /// API Gateway reports an authorizer that crashed or answered nonsense as this type in some cases;
    /// the device sees the same empty 500 as for <see cref="AuthorizerFailure"/>.
    /// </summary>
    public static GatewayResponseDefinition AuthorizerConfigurationError { get; } = new("AUTHORIZER_CONFIGURATION_ERROR", 500, "application/json", "");

    public static IReadOnlyList<GatewayResponseDefinition> All { get; } = [MissingCsr, Denied, AuthorizerFailure, AuthorizerConfigurationError];
}
