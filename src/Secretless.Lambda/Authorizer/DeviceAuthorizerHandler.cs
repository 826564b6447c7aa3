using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Secretless.Core.Csr;
using Secretless.Core.Errors;
using Secretless.Core.Provisioning;
using Secretless.Lambda.Events;
using Secretless.Lambda.Logging;
using Secretless.Lambda.Runtime;

namespace Secretless.Lambda.Authorizer;

/// <summary>
/// The API Gateway <c>REQUEST</c> authorizer on <c>device-csr</c> (result TTL 0): runs the core's
/// admission (CSR inspection + registered-key check) and turns it into an IAM policy. 403 refusals
/// are denied with the problem in the context (the <c>ACCESS_DENIED</c> gateway response renders it);
/// every other refusal is allowed with a <c>refusal</c> context, because only the issuer can choose
/// the status. An exception propagates: Lambda reports it and API Gateway answers
/// <c>AUTHORIZER_FAILURE</c> (empty 500).
/// </summary>
public sealed class DeviceAuthorizerHandler : ILambdaHandler
{
    public const string DeviceCsrHeader = "device-csr";
    public const string AnonymousPrincipal = "anonymous";

    private readonly DeviceProvisioner _provisioner;
    private readonly ILogger<DeviceAuthorizerHandler> _logger;

    public DeviceAuthorizerHandler(DeviceProvisioner provisioner, ILogger<DeviceAuthorizerHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(provisioner);
        ArgumentNullException.ThrowIfNull(logger);
        _provisioner = provisioner;
        _logger = logger;
    }

    public async Task<byte[]> HandleAsync(byte[] eventJson, LambdaInvocationContext context, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize(eventJson, LambdaJsonContext.Default.ApiGatewayAuthorizerRequest)
            ?? throw new JsonException("The authorizer event is null.");
        var response = await AuthorizeAsync(request, ct);
        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.ApiGatewayAuthorizerResponse);
    }

    public async Task<ApiGatewayAuthorizerResponse> AuthorizeAsync(ApiGatewayAuthorizerRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var methodArn = request.MethodArn
            ?? throw new InvalidOperationException("The authorizer event has no methodArn; is this a REQUEST authorizer of a REST API?");
        var csrHeaders = RequestHeaders.Values(request.Headers, request.MultiValueHeaders, DeviceCsrHeader);
        var header = csrHeaders.Count == 0 ? null : csrHeaders[0];
        ProvisioningError error;
        if (csrHeaders.Count > 1)
        {
            // serve's answer to repeated headers (ProvisioningHandler), so the device hears the same.
            error = ProvisioningErrors.CsrMalformed(
                $"The request carries {csrHeaders.Count.ToString(CultureInfo.InvariantCulture)} device-csr headers; send exactly one.");
        }
        else
        {
            var admission = await _provisioner.AdmitAsync(header, ct);
            if (admission.Admitted)
            {
                LambdaLog.AuthorizerAllowed(_logger, admission.Request.DeviceId);
                return new ApiGatewayAuthorizerResponse(
                    admission.Request.DeviceId,
                    AuthorizerPolicyDocument.For(AuthorizerPolicyDocument.Allow, methodArn),
                    AuthorizerContext.Admitted(admission.Request.DeviceId));
            }

            error = admission.Error;
        }

        var principal = PrincipalOf(csrHeaders.Count == 1 ? header : null);
        if (error.Status == 403)
        {
            LambdaLog.AuthorizerDenied(_logger, principal, error.Status, error.Code);
            return new ApiGatewayAuthorizerResponse(
                principal,
                AuthorizerPolicyDocument.For(AuthorizerPolicyDocument.Deny, methodArn),
                AuthorizerContext.Refused(error, passToIssuer: false));
        }

        LambdaLog.AuthorizerPassedRefusal(_logger, error.Status, error.Code);
        return new ApiGatewayAuthorizerResponse(
            principal,
            AuthorizerPolicyDocument.For(AuthorizerPolicyDocument.Allow, methodArn),
            AuthorizerContext.Refused(error, passToIssuer: true));
    }

    // The device id only when the CSR itself is well formed (a validated CN), never raw input.
    private static string PrincipalOf(string? header)
    {
        var inspection = CsrInspector.Inspect(header);
        return inspection.Succeeded ? inspection.Csr.DeviceId : AnonymousPrincipal;
    }
}
