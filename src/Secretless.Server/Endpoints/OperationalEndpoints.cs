using Microsoft.AspNetCore.Http;
using Secretless.Core.Issuance;
using Secretless.Core.Pem;
using Secretless.Server.Json;
using Secretless.Server.Metrics;

namespace Secretless.Server.Endpoints;

/// <summary>Handlers of the routes besides <c>POST /new</c>: CA chain, health and metrics.</summary>
internal static class OperationalEndpoints
{
    public const string PemContentType = "application/x-pem-file";

    /// <summary><c>GET /ca</c>: the issuing CA then the root, as PEM, for devices to trust.</summary>
    public static async Task<IResult> GetCaChainAsync(ICertificateAuthority authority, CancellationToken cancellationToken)
    {
        var issuer = await authority.DescribeIssuerAsync(cancellationToken);
        return Results.Text(PemText.Certificates(issuer.ChainDer), PemContentType);
    }

    /// <summary><c>GET /health/live</c>: the process runs and answers.</summary>
    public static IResult Live() =>
        TypedResults.Json(new HealthResponse("live", null), ServerJsonContext.Default.HealthResponse);

    /// <summary><c>GET /health/ready</c>: 200 when every check is ok, else 503.</summary>
    public static async Task<IResult> ReadyAsync(ReadinessProbe probe, CancellationToken cancellationToken)
    {
        var checks = await probe.CheckAsync(cancellationToken);
        var ready = checks.Values.All(result => result == "ok");
        return TypedResults.Json(
            new HealthResponse(ready ? "ready" : "not-ready", checks),
            ServerJsonContext.Default.HealthResponse,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary><c>GET /metrics</c>: Prometheus text exposition.</summary>
    public static IResult Metrics(ProvisioningMetrics metrics) =>
        Results.Text(PrometheusTextWriter.Write(metrics), PrometheusTextWriter.ContentType);
}
