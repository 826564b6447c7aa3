namespace Secretless.Lambda.Gateway;

/// <summary>
/// One API Gateway gateway response (what API Gateway itself answers when the request never reaches
/// the issuer): its type, status, headers and body template. The CDK app deploys these, and the
/// local API Gateway emulation renders the same templates, so both answer devices alike.
/// </summary>
/// <param name="ResponseType">API Gateway's type: <c>UNAUTHORIZED</c>, <c>ACCESS_DENIED</c>, <c>AUTHORIZER_FAILURE</c>.</param>
/// <param name="StatusCode">The status the device sees.</param>
/// <param name="ContentType">Content type of the body.</param>
/// <param name="BodyTemplate">
/// The body; <c>$context.authorizer.&lt;key&gt;</c> placeholders are replaced by the authorizer's
/// context values, which the authorizer already encoded as JSON string content.
/// </param>
public sealed record GatewayResponseDefinition(string ResponseType, int StatusCode, string ContentType, string BodyTemplate);
