using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Secretless.Server.Endpoints;

namespace Secretless.Server;

/// <summary>The routes of the device contract and of operations.</summary>
public static class EndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapSecretlessEndpoints(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);

        routes.MapPost("/new", (HttpContext context, ProvisioningHandler handler) => handler.HandleAsync(context))
            .WithName("ProvisionDevice");
        routes.MapGet("/payloads/{key}", PayloadEndpoints.GetPayloadAsync).WithName("GetPayload");
        routes.MapGet("/ca", OperationalEndpoints.GetCaChainAsync).WithName("GetCaChain");
        routes.MapCrlEndpoints();

        var health = routes.MapGroup("/health");
        health.MapGet("/live", OperationalEndpoints.Live).WithName("Live");
        health.MapGet("/ready", OperationalEndpoints.ReadyAsync).WithName("Ready");

        routes.MapGet("/metrics", OperationalEndpoints.Metrics).WithName("Metrics");
        return routes;
    }
}
