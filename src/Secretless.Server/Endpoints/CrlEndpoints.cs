using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Core.Errors;
using Secretless.Core.Provisioning;
using Secretless.Local.Pki;
using Secretless.Local.Registry;

namespace Secretless.Server.Endpoints;

/// <summary>
/// <c>GET /crl</c> (the active issuing CA's CRL: revoked device certificates), <c>GET /crl/root</c>
/// (revoked issuing CAs) and <c>GET /crl/{issuerId}</c>. DER (<c>application/pkix-crl</c>, RFC 5280)
/// unless <c>?format=pem</c> or <c>Accept: application/x-pem-file</c> asks for PEM.
/// </summary>
internal static class CrlEndpoints
{
    public const string DerContentType = "application/pkix-crl";
    public const string PemContentType = "application/x-pem-file";
    public const string NotAvailableCode = "crl-not-available";

    public static IEndpointRouteBuilder MapCrlEndpoints(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var crl = routes.MapGroup("/crl");
        crl.MapGet("/", GetActiveIssuerCrlAsync).WithName("GetCrl");
        crl.MapGet("/root", GetRootCrl).WithName("GetRootCrl");
        crl.MapGet("/{issuerId}", GetIssuerCrlAsync).WithName("GetIssuerCrl");
        return routes;
    }

    public static Task<IResult> GetActiveIssuerCrlAsync(HttpContext context, CancellationToken cancellationToken)
        => IssuerCrlAsync(context, issuerId: null, cancellationToken);

    public static Task<IResult> GetIssuerCrlAsync(HttpContext context, string issuerId, CancellationToken cancellationToken)
        => IssuerCrlAsync(context, issuerId, cancellationToken);

    public static IResult GetRootCrl(HttpContext context)
    {
        var publisher = PublisherOf(context);
        var der = publisher?.ReadRootCrl();
        return der is null
            ? NotAvailable(context, "This server's CA is not the local PKI, or its PKI has no root CRL yet (run 'secretless ca rotate' or 'ca revoke').")
            : Crl(context, der);
    }

    private static async Task<IResult> IssuerCrlAsync(HttpContext context, string? issuerId, CancellationToken cancellationToken)
    {
        var publisher = PublisherOf(context);
        if (publisher is null)
        {
            return NotAvailable(context, "This server's issuing CA is not the local PKI: its CRL is published by that CA.");
        }

        var crl = await publisher.GetIssuerCrlAsync(issuerId, cancellationToken);
        return crl is null
            ? NotAvailable(context, $"No issuing CA '{issuerId}' that is not revoked; 'secretless ca list' shows the ids.")
            : Crl(context, crl.Der);
    }

    // The publisher reads the local registry; a server with another registry has no local CRLs.
    private static LocalCrlPublisher? PublisherOf(HttpContext context)
        => context.RequestServices.GetService<SqliteThingRegistry>() is null || context.RequestServices.GetService<LocalPki>() is null
            ? null
            : context.RequestServices.GetService<LocalCrlPublisher>();

    private static IResult Crl(HttpContext context, byte[] der)
    {
        context.Response.Headers.CacheControl = "max-age=0";
        return WantsPem(context.Request)
            ? Results.Text(PemEncoding.WriteString("X509 CRL", der) + "\n", PemContentType)
            : Results.Bytes(der, DerContentType);
    }

    private static bool WantsPem(HttpRequest request)
    {
        if (string.Equals(request.Query["format"], "pem", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return request.Headers.Accept.Any(value => value is not null && value.Contains(PemContentType, StringComparison.OrdinalIgnoreCase));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Utf8ContentHttpResult NotAvailable(HttpContext context, string detail)
    {
        var problem = new ProblemBody(ProblemBody.TypeBaseUri + NotAvailableCode, "CRL not available", StatusCodes.Status404NotFound, detail, NotAvailableCode);
        context.Response.Headers.CacheControl = "max-age=0";
        return TypedResults.Text(
            JsonSerializer.SerializeToUtf8Bytes(problem, CoreJsonContext.Default.ProblemBody),
            ProblemBody.ContentType,
            StatusCodes.Status404NotFound);
    }
}
