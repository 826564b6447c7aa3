using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Secretless.Core.Delivery;
using Secretless.Core.Errors;
using Secretless.Core.Provisioning;
using Secretless.Server.Logging;
using Secretless.Server.Metrics;

namespace Secretless.Server.Endpoints;

/// <summary>
/// <c>POST /new</c>: hands the <c>device-csr</c> header (and <c>device-delivery</c>) to the core and
/// turns the outcome into the device contract — 200 JSON, 202 with a payload URL, a problem+json
/// refusal, or an empty 500.
/// </summary>
internal sealed class ProvisioningHandler
{
    public const string DeviceCsrHeader = "device-csr";
    public const string DeviceDeliveryHeader = "device-delivery";
    public const string UrlDelivery = "url";
    public const string JsonContentType = LatentDeliveryBody.ContentType;

    private readonly LatentDelivery _delivery;
    private readonly ProvisioningMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ProvisioningHandler> _logger;

    public ProvisioningHandler(LatentDelivery delivery, ProvisioningMetrics metrics, TimeProvider timeProvider, ILogger<ProvisioningHandler> logger)
    {
        _delivery = delivery;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var started = _timeProvider.GetTimestamp();
        context.Response.Headers.CacheControl = "no-store";
        var headerValues = context.Request.Headers[DeviceCsrHeader];
        if (headerValues.Count > 1)
        {
            return Refuse(context, started, ProvisioningErrors.CsrMalformed(
                $"The request carries {headerValues.Count} device-csr headers; send exactly one."));
        }

        var deliveryValues = context.Request.Headers[DeviceDeliveryHeader];
        var askedForUrl = deliveryValues.Count == 1 && string.Equals(deliveryValues[0]?.Trim(), UrlDelivery, StringComparison.OrdinalIgnoreCase);
        if (deliveryValues.Count > 0 && !askedForUrl)
        {
            return Refuse(context, started, DeliveryErrors.DeliveryModeInvalid(
                "The device-delivery header must be 'url' (exactly one); leave it out for a direct answer."));
        }

        DeliveryOutcome outcome;
        try
        {
            // Not the request's abort token: a device that hangs up must not leave an issuance
            // half-registered; finishing lets its retry be answered from the ledger.
            outcome = await _delivery.ProvisionAsync(headerValues.Count == 0 ? null : headerValues[0], askedForUrl, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The seed design: an unexpected issuer failure is a bare 500, details only in the log.
            ServerLog.ProvisioningFailedUnexpectedly(_logger, exception);
            _metrics.RecordProvisioning(ProvisioningMetrics.ErrorOutcome, _timeProvider.GetElapsedTime(started));
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        if (outcome.IsLatent)
        {
            return Accepted(context, started, outcome.PayloadUrl);
        }

        var immediate = outcome.Immediate;
        if (!immediate.Succeeded)
        {
            return Refuse(context, started, immediate.Error);
        }

        var certificate = immediate.Certificate;
        ServerLog.Provisioned(_logger, certificate.CertificateId);
        var metricOutcome = immediate.Replayed ? ProvisioningMetrics.ReplayedOutcome : ProvisioningMetrics.IssuedOutcome;
        _metrics.RecordProvisioning(metricOutcome, _timeProvider.GetElapsedTime(started));

        // The same bytes a payload URL serves (ProvisioningResponseBody.Serialize).
        return new JsonBytesResult(ProvisioningResponseBody.Serialize(certificate), StatusCodes.Status200OK);
    }

    /// <summary>The URL a device fetches: absolute as is (S3), else on the host the device reached.</summary>
    internal static Uri AbsoluteUrl(HttpRequest request, Uri url)
    {
        if (url.IsAbsoluteUri)
        {
            return url;
        }

        var host = request.Host.HasValue
            ? request.Host.Value
            : $"{request.HttpContext.Connection.LocalIpAddress}:{request.HttpContext.Connection.LocalPort}";
        var root = new Uri($"{request.Scheme}://{host}{request.PathBase}/");
        return new Uri(root, url.OriginalString.TrimStart('/'));
    }

    private Utf8ContentHttpResult Accepted(HttpContext context, long started, PresignedPayloadUrl payloadUrl)
    {
        var absolute = AbsoluteUrl(context.Request, payloadUrl.Url);
        ServerLog.AnsweredPayloadUrl(_logger, payloadUrl.ExpiresAt);
        _metrics.RecordProvisioning(ProvisioningMetrics.LatentOutcome, _timeProvider.GetElapsedTime(started));
        context.Response.Headers.Location = absolute.AbsoluteUri;

        // The core's bytes: the Lambda issuer sends the same.
        return TypedResults.Text(LatentDeliveryBody.Serialize(absolute, payloadUrl.ExpiresAt), LatentDeliveryBody.ContentType, StatusCodes.Status202Accepted);
    }

    private IResult Refuse(HttpContext context, long started, ProvisioningError error)
    {
        ServerLog.ProvisioningRefused(_logger, error.Status, error.Code);
        _metrics.RecordProvisioning(error.Code, _timeProvider.GetElapsedTime(started));
        return ProblemResults.From(context, error);
    }
}
