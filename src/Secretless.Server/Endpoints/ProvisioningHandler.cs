using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Secretless.Core.Errors;
using Secretless.Core.Provisioning;
using Secretless.Server.Json;
using Secretless.Server.Logging;
using Secretless.Server.Metrics;

namespace Secretless.Server.Endpoints;

/// <summary>
/// <c>POST /new</c>: hands the <c>device-csr</c> header to the core and turns the outcome into
/// the device contract — 200 JSON, a problem+json refusal, or an empty 500.
/// </summary>
internal sealed class ProvisioningHandler
{
    public const string DeviceCsrHeader = "device-csr";

    private readonly DeviceProvisioner _provisioner;
    private readonly ProvisioningMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ProvisioningHandler> _logger;

    public ProvisioningHandler(DeviceProvisioner provisioner, ProvisioningMetrics metrics, TimeProvider timeProvider, ILogger<ProvisioningHandler> logger)
    {
        _provisioner = provisioner;
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

        ProvisioningOutcome outcome;
        try
        {
            // Not the request's abort token: a device that hangs up must not leave an issuance
            // half-registered; finishing lets its retry be answered from the ledger.
            outcome = await _provisioner.ProvisionAsync(headerValues.Count == 0 ? null : headerValues[0], CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The seed design: an unexpected issuer failure is a bare 500, details only in the log.
            ServerLog.ProvisioningFailedUnexpectedly(_logger, exception);
            _metrics.RecordProvisioning(ProvisioningMetrics.ErrorOutcome, _timeProvider.GetElapsedTime(started));
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        if (!outcome.Succeeded)
        {
            return Refuse(context, started, outcome.Error);
        }

        var certificate = outcome.Certificate;
        ServerLog.Provisioned(_logger, certificate.CertificateId);
        var metricOutcome = outcome.Replayed ? ProvisioningMetrics.ReplayedOutcome : ProvisioningMetrics.IssuedOutcome;
        _metrics.RecordProvisioning(metricOutcome, _timeProvider.GetElapsedTime(started));
        var body = new ProvisioningResponse(
            certificate.CertificatePem,
            certificate.CertificateChainPem,
            certificate.Endpoint,
            certificate.CertificateId,
            certificate.NotAfter.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        return TypedResults.Json(body, ServerJsonContext.Default.ProvisioningResponse);
    }

    private IResult Refuse(HttpContext context, long started, ProvisioningError error)
    {
        ServerLog.ProvisioningRefused(_logger, error.Status, error.Code);
        _metrics.RecordProvisioning(error.Code, _timeProvider.GetElapsedTime(started));
        return ProblemResults.From(context, error);
    }
}
