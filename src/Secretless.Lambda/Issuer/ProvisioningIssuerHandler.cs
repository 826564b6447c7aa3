using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Secretless.Core.Delivery;
using Secretless.Core.Errors;
using Secretless.Core.Provisioning;
using Secretless.Lambda.Authorizer;
using Secretless.Lambda.Events;
using Secretless.Lambda.Logging;
using Secretless.Lambda.Runtime;

namespace Secretless.Lambda.Issuer;

/// <summary>
/// The issuer behind <c>POST /new</c> (Lambda proxy integration): serve's ProvisioningHandler for
/// API Gateway. A refusal the authorizer passed on is answered as is; otherwise latent delivery
/// provisions (re-checking CSR and key: the authorizer's result is not cached, but defence in depth
/// costs one read). Status, headers and bodies are serve's, byte for byte.
/// </summary>
public sealed class ProvisioningIssuerHandler : ILambdaHandler
{
    public const string DeviceCsrHeader = "device-csr";
    public const string DeviceDeliveryHeader = "device-delivery";
    public const string UrlDelivery = "url";

    private readonly LatentDelivery _delivery;
    private readonly ILogger<ProvisioningIssuerHandler> _logger;

    public ProvisioningIssuerHandler(LatentDelivery delivery, ILogger<ProvisioningIssuerHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(logger);
        _delivery = delivery;
        _logger = logger;
    }

    public async Task<byte[]> HandleAsync(byte[] eventJson, LambdaInvocationContext context, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize(eventJson, LambdaJsonContext.Default.ApiGatewayProxyRequest)
            ?? throw new JsonException("The proxy event is null.");
        var response = await ProvisionAsync(request, ct);
        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.ApiGatewayProxyResponse);
    }

    /// <summary>Issuances still running after a 202 finish before Lambda may freeze the process.</summary>
    public async Task AfterResponseAsync(CancellationToken ct)
    {
        try
        {
            await _delivery.DrainAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Deadline: the ledger keeps the issuance; the device's retry of its CSR finishes it.
        }
    }

    public async Task<ApiGatewayProxyResponse> ProvisionAsync(ApiGatewayProxyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AuthorizerContext.ReadRefusal(request.RequestContext?.Authorizer) is { } refusal)
        {
            LambdaLog.IssuerAnsweredAuthorizerRefusal(_logger, refusal.Status, refusal.Code);
            return Problem(refusal);
        }

        var csrHeaders = RequestHeaders.Values(request.Headers, request.MultiValueHeaders, DeviceCsrHeader);
        if (csrHeaders.Count > 1)
        {
            return Refuse(ProvisioningErrors.CsrMalformed(
                $"The request carries {csrHeaders.Count.ToString(CultureInfo.InvariantCulture)} device-csr headers; send exactly one."));
        }

        var deliveryHeaders = RequestHeaders.Values(request.Headers, request.MultiValueHeaders, DeviceDeliveryHeader);
        var askedForUrl = deliveryHeaders.Count == 1 && string.Equals(deliveryHeaders[0]?.Trim(), UrlDelivery, StringComparison.OrdinalIgnoreCase);
        if (deliveryHeaders.Count > 0 && !askedForUrl)
        {
            return Refuse(DeliveryErrors.DeliveryModeInvalid(
                "The device-delivery header must be 'url' (exactly one); leave it out for a direct answer."));
        }

        DeliveryOutcome outcome;
        try
        {
            // Not the invocation's deadline: issuance must not be left half-registered (as in serve).
            outcome = await _delivery.ProvisionAsync(csrHeaders.Count == 0 ? null : csrHeaders[0], askedForUrl, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The seed design: an unexpected issuer failure is a bare 500, details only in the log.
            LambdaLog.IssuerFailedUnexpectedly(_logger, exception);
            return new ApiGatewayProxyResponse(500, NoStore(), "");
        }

        if (outcome.IsLatent)
        {
            var absolute = AbsoluteUrl(request, outcome.PayloadUrl.Url);
            LambdaLog.IssuerAnsweredPayloadUrl(_logger, outcome.PayloadUrl.ExpiresAt);
            var headers = NoStore();
            headers["Content-Type"] = LatentDeliveryBody.ContentType;
            headers["Location"] = absolute.AbsoluteUri;
            return new ApiGatewayProxyResponse(202, headers, Encoding.UTF8.GetString(LatentDeliveryBody.Serialize(absolute, outcome.PayloadUrl.ExpiresAt)));
        }

        var immediate = outcome.Immediate;
        if (!immediate.Succeeded)
        {
            return Refuse(immediate.Error);
        }

        LambdaLog.IssuerProvisioned(_logger, immediate.Certificate.CertificateId);
        var ok = NoStore();
        ok["Content-Type"] = LatentDeliveryBody.ContentType;
        return new ApiGatewayProxyResponse(200, ok, Encoding.UTF8.GetString(ProvisioningResponseBody.Serialize(immediate.Certificate)));
    }

    /// <summary>The URL a device fetches: absolute as is (S3), else on the host the device reached.</summary>
    internal static Uri AbsoluteUrl(ApiGatewayProxyRequest request, Uri url)
    {
        if (url.IsAbsoluteUri)
        {
            return url;
        }

        var hosts = RequestHeaders.Values(request.Headers, request.MultiValueHeaders, "Host");
        var host = request.RequestContext?.DomainName
            ?? (hosts.Count > 0 ? hosts[0] : null)
            ?? throw new InvalidOperationException("A relative payload URL needs the request's host, and the event has none.");
        return new Uri(new Uri($"https://{host}/"), url.OriginalString.TrimStart('/'));
    }

    private ApiGatewayProxyResponse Refuse(ProvisioningError error)
    {
        LambdaLog.IssuerRefused(_logger, error.Status, error.Code);
        return Problem(error);
    }

    private static ApiGatewayProxyResponse Problem(ProvisioningError error)
    {
        var headers = NoStore();
        headers["Content-Type"] = ProblemBody.ContentType;
        if (ProblemBody.RetryAfterSeconds(error) is { } seconds)
        {
            headers["Retry-After"] = seconds;
        }

        return new ApiGatewayProxyResponse(error.Status, headers, Encoding.UTF8.GetString(ProblemBody.Serialize(error)));
    }

    private static Dictionary<string, string> NoStore() => new(StringComparer.OrdinalIgnoreCase) { ["Cache-Control"] = "no-store" };
}
